using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using PlanBot.Plans;

namespace PlanBot.Reports.Xlsx;

/// <summary>
/// The one stylesheet every workbook uses, and the index of each cell style in it. The font is named in the stylesheet
/// (with the Chinese character set), so Excel and WPS draw the Chinese text in it instead of guessing a fallback.
/// </summary>
public static class WorkbookStyles
{
    public const uint Title = 1;
    public const uint Header = 2;
    /// <summary>A text or a number in the table.</summary>
    public const uint Cell = 3;
    public const uint Date = 4;
    public const uint DateTime = 5;
    /// <summary>A section heading across the table: bold, bordered, on the header's fill.</summary>
    public const uint Section = 6;
    /// <summary>A text or a number in a table whose text wraps in its column, aligned to the top.</summary>
    public const uint WrappedCell = 7;

    public const double FontSize = 11;
    public const double TitleFontSize = 14;

    private const uint DateFormat = 164;
    private const uint DateTimeFormat = 165;

    // GB2312, as Chinese Excel writes it for its own fonts.
    private const int ChineseCharacterSet = 134;

    /// <summary>
    /// The font a workbook in the language names: 等线, Chinese Excel's own; in English Microsoft YaHei, which every
    /// Windows has and which also draws the Chinese names (units, owners, titles) an English workbook holds.
    /// </summary>
    public static string FontFor(string language) => language == Languages.English ? "Microsoft YaHei" : "等线";

    public static Stylesheet Create(string fontName)
    {
        Font Font(double size, bool bold)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            font.Append(
                new FontSize { Val = size },
                new FontName { Val = fontName },
                new FontFamilyNumbering { Val = 2 },
                new FontCharSet { Val = ChineseCharacterSet });
            return font;
        }

        // A light blue-grey, solid, so a header stays readable when printed in black and white.
        var headerFill = new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE5F0" }, new BackgroundColor { Indexed = 64 })
        {
            PatternType = PatternValues.Solid,
        });
        var thin = new Border(
            new LeftBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        const uint normal = 0, bold = 1, large = 2;
        const uint noFill = 0, filled = 2;
        const uint noBorder = 0, bordered = 1;

        static CellFormat Format(uint font, uint fill, uint border, uint numberFormat = 0, Alignment? alignment = null)
        {
            var format = new CellFormat
            {
                FontId = font,
                FillId = fill,
                BorderId = border,
                NumberFormatId = numberFormat,
                FormatId = 0,
                ApplyFont = font != normal,
                ApplyFill = fill != noFill,
                ApplyBorder = border != noBorder,
                ApplyNumberFormat = numberFormat != 0,
            };
            if (alignment is not null)
            {
                format.Append(alignment);
                format.ApplyAlignment = true;
            }

            return format;
        }

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "yyyy-mm-dd hh:mm" })
            { Count = 2 },
            new Fonts(Font(FontSize, bold: false), Font(FontSize, bold: true), Font(TitleFontSize, bold: true)) { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                headerFill)
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            new CellFormats(
                Format(normal, noFill, noBorder),
                Format(large, noFill, noBorder, alignment: new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }),
                Format(bold, filled, bordered, alignment: new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }),
                Format(normal, noFill, bordered),
                Format(normal, noFill, bordered, DateFormat),
                Format(normal, noFill, bordered, DateTimeFormat),
                Format(bold, filled, bordered, alignment: new Alignment { Horizontal = HorizontalAlignmentValues.Left, Vertical = VerticalAlignmentValues.Center }),
                Format(normal, noFill, bordered, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }))
            { Count = 8 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PlanBot.Reports.Circular;

/// <summary>
/// Sets a <see cref="CircularContent"/> as a .docx after GB/T 9704-2012 (党政机关公文格式): A4 with a 156 × 225 mm text
/// block (top margin 37 mm, inside margin 28 mm), 3号仿宋 body with 22 lines of 28 characters, a red 发文机关标志 and
/// separator line, a 2号小标宋 title, headings 一、 in 黑体 and (一) in 楷体, page numbers "— 1 —" in 4号宋体 on the
/// outside edge, and the appendix table on a page of its own. Fonts are the standard's; the font table names common
/// substitutes for machines without them (Word and LibreOffice fall back on their own otherwise).
/// </summary>
public static class CircularDocument
{
    // Twentieths of a point (twips) and half-points, the units of WordprocessingML.
    private const int TwipsPerMm = 57; // 56.69, rounded: a 1 mm tolerance is the standard's own
    private const int PageWidth = 11906; // A4 210 mm
    private const int PageHeight = 16838; // A4 297 mm
    private const int TopMargin = 37 * TwipsPerMm;
    private const int InsideMargin = 28 * TwipsPerMm;
    private const int TextWidth = 8845; // 156 mm
    private const int OutsideMargin = PageWidth - InsideMargin - TextWidth;
    private const int BottomMargin = PageHeight - TopMargin - 12756; // 225 mm
    private const int LinePitch = 579; // 225 mm / 22 lines ≈ 28.95 pt

    private const string Title = "方正小标宋简体";
    private const string FangSong = "仿宋_GB2312";
    private const string HeiTi = "黑体";
    private const string KaiTi = "楷体_GB2312";
    private const string SongTi = "宋体";
    private const string Latin = "Times New Roman";

    private const int Size3 = 32; // 3号 16 pt
    private const int Size2 = 44; // 2号 22 pt
    private const int Size4 = 28; // 4号 14 pt
    private const int TableSize = 21; // 五号 10.5 pt
    private const string Red = "FF0000";
    private const string TableTextStyle = "TableText";
    private const string TableHeadStyle = "TableHead";

    public static byte[] Render(CircularContent content)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
            var oddFooter = AddFooter(main, JustificationValues.Right);
            var evenFooter = AddFooter(main, JustificationValues.Left);

            // The head, the main text and the appendix's title are a small tree; the appendix table is streamed row by
            // row (a district's plan makes it ten thousand rows, which as one tree took most of a second and 500 MB).
            var body = new Body();
            AddHead(body, content);
            AddMain(body, content);
            AddAppendixTitle(body, content);
            using var writer = OpenXmlWriter.Create(main);
            writer.WriteStartDocument();
            writer.WriteStartElement(new Document());
            writer.WriteStartElement(new Body());
            foreach (var element in body.ChildElements)
            {
                writer.WriteElement(element);
            }

            WriteAppendixTable(writer, content);
            writer.WriteElement(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
                new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin
                {
                    Top = TopMargin,
                    Bottom = BottomMargin,
                    Left = (uint)InsideMargin,
                    Right = (uint)OutsideMargin,
                    Footer = (uint)(BottomMargin - (7 * TwipsPerMm)), // the number's line 7 mm below the text block
                },
                new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = 0 }));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>版头: the red 发文机关标志 35 mm below the top of the text block, the 发文字号, the red line.</summary>
    private static void AddHead(Body body, CircularContent content)
    {
        // As large as fits one line of the text block, at most 初号 (42 pt).
        var headerSize = Math.Min(84, 2 * (TextWidth / 20) / Math.Max(1, content.Header.Length));
        body.Append(Paragraph(
            content.Header,
            Title,
            headerSize,
            JustificationValues.Center,
            color: Red,
            spacingBefore: 35 * TwipsPerMm - LinePitch,
            lineSpacing: headerSize * 10 * 12 / 10));
        body.Append(Paragraph(content.Number, FangSong, Size3, JustificationValues.Center, spacingBefore: 2 * LinePitch, redLineBelow: true));
    }

    /// <summary>主体: title, 主送机关, body, 附件说明, 发文机关署名 and 成文日期.</summary>
    private static void AddMain(Body body, CircularContent content)
    {
        body.Append(Paragraph(content.Title, Title, Size2, JustificationValues.Center, spacingBefore: 2 * LinePitch, lineSpacing: 700));
        body.Append(Paragraph(content.Recipients, FangSong, Size3, JustificationValues.Left, spacingBefore: LinePitch));
        for (var i = 0; i < content.Body.Count; i++)
        {
            // The last paragraph, the appendix note, the issuer and the date keep together: a signature never stands
            // alone on a page.
            var last = i == content.Body.Count - 1;
            var paragraph = content.Body[i];
            body.Append(paragraph.Kind == CircularParagraphKind.Heading
                ? Paragraph(paragraph.Text, HeiTi, Size3, JustificationValues.Both, firstLineChars: 200, keepNext: true)
                : BodyParagraph(paragraph, keepNext: last));
        }

        body.Append(
            Paragraph(content.AppendixNote, FangSong, Size3, JustificationValues.Left, spacingBefore: LinePitch, firstLineChars: 200, keepNext: true),
            Paragraph(content.Issuer, FangSong, Size3, JustificationValues.Right, spacingBefore: 2 * LinePitch, rightChars: 400, keepNext: true),
            Paragraph(content.Date, FangSong, Size3, JustificationValues.Right, rightChars: 400));
    }

    /// <summary>The appendix on a new page: "附件" in 黑体 at the top left, and its title.</summary>
    private static void AddAppendixTitle(Body body, CircularContent content)
    {
        body.Append(Paragraph(content.AppendixLabel, HeiTi, Size3, JustificationValues.Left, pageBreakBefore: true));
        body.Append(Paragraph(content.TableTitle, Title, Size2, JustificationValues.Center, spacingBefore: LinePitch, lineSpacing: 700));
    }

    /// <summary>The appendix table, its header row repeated on every page, written one row at a time.</summary>
    private static void WriteAppendixTable(OpenXmlWriter writer, CircularContent content)
    {
        // Widths in twips for 序号, 任务, 牵头单位, 序时进度, 实际进度, 状态, 情况说明: together the text block's width.
        int[] widths = [600, 2300, 1500, 900, 900, 1245, 1400];
        writer.WriteStartElement(new Table());
        writer.WriteElement(new TableProperties(
            new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        writer.WriteElement(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new AppendixRows(widths, TableHeadStyle, header: true);
        header.Write(writer, content.TableHeaders);
        var rows = new AppendixRows(widths, TableTextStyle, header: false);
        foreach (var row in content.TableRows)
        {
            rows.Write(writer, row);
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// Writes the appendix's rows of one kind. The cell and paragraph properties are the same in every row, so they are
    /// made once per column and only the text is new in a row: a district's ten thousand rows were seventy thousand
    /// small element trees before, which took most of the circular's time.
    /// </summary>
    private sealed class AppendixRows
    {
        private readonly TableRowProperties? _rowProperties;
        private readonly TableCellProperties[] _cellProperties;
        private readonly ParagraphProperties[] _paragraphProperties;

        public AppendixRows(int[] widths, string style, bool header)
        {
            _rowProperties = header ? new TableRowProperties(new TableHeader(), new CantSplit()) : null;
            _cellProperties = [.. widths.Select(width => new TableCellProperties(
                new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }))];
            // The cell's font, size and spacing are its style's, so a row of a long appendix stays a few elements.
            _paragraphProperties = [.. widths.Select((_, i) => new ParagraphProperties(
                new ParagraphStyleId { Val = style },
                new Justification { Val = header || i is 0 or 3 or 4 ? JustificationValues.Center : JustificationValues.Left }))];
        }

        public void Write(OpenXmlWriter writer, IReadOnlyList<string> cells)
        {
            writer.WriteStartElement(new TableRow());
            if (_rowProperties is not null)
            {
                writer.WriteElement(_rowProperties);
            }

            for (var i = 0; i < cells.Count; i++)
            {
                writer.WriteStartElement(new TableCell());
                writer.WriteElement(_cellProperties[i]);
                writer.WriteStartElement(new Paragraph());
                writer.WriteElement(_paragraphProperties[i]);
                writer.WriteStartElement(new Run());
                writer.WriteElement(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve });
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }

    /// <summary>A body paragraph, indented two characters; a run-in lead ((一)重点工作。) is set in 楷体.</summary>
    private static Paragraph BodyParagraph(CircularParagraph paragraph, bool keepNext)
    {
        var result = Paragraph(paragraph.Text, FangSong, Size3, JustificationValues.Both, firstLineChars: 200, keepNext: keepNext);
        if (paragraph.Lead.Length > 0)
        {
            result.InsertAfter(Run(paragraph.Lead, KaiTi, Size3), result.ParagraphProperties);
        }

        return result;
    }

    private static Paragraph Paragraph(
        string text,
        string font,
        int size,
        JustificationValues align,
        string? color = null,
        int spacingBefore = 0,
        int lineSpacing = LinePitch,
        int firstLineChars = 0,
        int rightChars = 0,
        bool snapToGrid = true,
        bool keepNext = false,
        bool pageBreakBefore = false,
        bool redLineBelow = false)
    {
        // The children of w:pPr in the order the schema requires (Word refuses a file otherwise).
        var properties = new ParagraphProperties();
        if (keepNext)
        {
            properties.Append(new KeepNext());
        }

        if (pageBreakBefore)
        {
            properties.Append(new PageBreakBefore());
        }

        if (redLineBelow)
        {
            properties.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 12, Space = 14 }));
        }

        properties.Append(
            new SnapToGrid { Val = snapToGrid },
            new SpacingBetweenLines
            {
                Before = spacingBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
                After = "0",
                Line = lineSpacing.ToString(System.Globalization.CultureInfo.InvariantCulture),
                LineRule = LineSpacingRuleValues.Exact,
            },
            Indent(firstLineChars, rightChars, size),
            new Justification { Val = align });
        return new Paragraph(properties, Run(text, font, size, color));
    }

    /// <summary>Indents in characters (hundredths), with their size in twips for readers that ignore the character units.</summary>
    private static Indentation Indent(int firstLineChars, int rightChars, int size)
    {
        var indent = new Indentation();
        if (firstLineChars > 0)
        {
            indent.FirstLineChars = firstLineChars;
            indent.FirstLine = (firstLineChars * size / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (rightChars > 0)
        {
            indent.RightChars = rightChars;
            indent.Right = (rightChars * size / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return indent;
    }

    private static Run Run(string text, string font, int size, string? color = null)
    {
        // The children of w:rPr in schema order: fonts, colour, size.
        var properties = new RunProperties(new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = font, ComplexScript = Latin });
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(
            new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>"— 1 —" in 4号宋体, one character in from the outside edge (right on odd pages, left on even ones).</summary>
    private static string AddFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var indent = side == JustificationValues.Right
            ? new Indentation { RightChars = 100, Right = "280" }
            : new Indentation { LeftChars = 100, Left = "280" };
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(indent, new Justification { Val = side }),
            Run("— ", SongTi, Size4),
            new SimpleField(Run("1", SongTi, Size4)) { Instruction = " PAGE " },
            Run(" —", SongTi, Size4)));
        return main.GetIdOfPart(part);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = FangSong, ComplexScript = Latin },
                    new FontSize { Val = Size3.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = LinePitch.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            TableStyle(TableTextStyle, "Table text", FangSong),
            TableStyle(TableHeadStyle, "Table heading", HeiTi));
    }

    /// <summary>The appendix's cells: 五号 in <paramref name="font"/>, exact 16 pt lines, not on the body's grid.</summary>
    private static Style TableStyle(string id, string name, string font) => new(
        new StyleName { Val = name },
        new BasedOn { Val = "Normal" },
        new StyleParagraphProperties(
            new SnapToGrid { Val = false },
            new SpacingBetweenLines { Before = "0", After = "0", Line = "320", LineRule = LineSpacingRuleValues.Exact }),
        new StyleRunProperties(
            new RunFonts { Ascii = Latin, HighAnsi = Latin, EastAsia = font, ComplexScript = Latin },
            new FontSize { Val = TableSize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new FontSizeComplexScript { Val = TableSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
    {
        Type = StyleValues.Paragraph,
        StyleId = id,
        CustomStyle = true,
    };

    /// <summary>The standard's fonts, each with the substitute most machines have.</summary>
    private static void AddFontTable(MainDocumentPart main)
    {
        (string Name, string Substitute)[] fonts =
        [
            (Title, "华文中宋"), (FangSong, "仿宋"), (KaiTi, "楷体"), (HeiTi, "SimHei"), (SongTi, "SimSun"),
        ];
        main.AddNewPart<FontTablePart>().Fonts = new Fonts(fonts.Select(f => new Font(
            new AltName { Val = f.Substitute },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = FontFamilyValues.Auto })
        { Name = f.Name }));
    }
}

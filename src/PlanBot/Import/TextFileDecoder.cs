using System.Text;

namespace PlanBot.Import;

/// <summary>
/// The text of a CSV as the programs a bureau uses write it: UTF-8 (with or without BOM); UTF-16 or UTF-32 (Excel's
/// "Unicode text" is UTF-16 with a BOM, tab-separated), also UTF-16 without a BOM when its zero bytes give it away;
/// else GB18030, what Excel on a Chinese Windows writes for "CSV (逗号分隔)".
/// </summary>
public static class TextFileDecoder
{
    /// <exception cref="InvalidDataException">A byte order mark or the zero bytes say UTF-16/32, but the rest is not.</exception>
    public static string Decode(byte[] bytes) => ByByteOrderMark(bytes) ?? ByZeroBytes(bytes) ?? Utf8OrGb18030(bytes);

    private static string? ByByteOrderMark(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Strict(new UTF8Encoding(false, true), bytes, 3, "UTF-8"),
        [0xFF, 0xFE, 0x00, 0x00, ..] => Strict(new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), bytes, 4, "UTF-32"),
        [0x00, 0x00, 0xFE, 0xFF, ..] => Strict(new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), bytes, 4, "UTF-32"),
        [0xFF, 0xFE, ..] => Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2, "UTF-16"),
        [0xFE, 0xFF, ..] => Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2, "UTF-16"),
        _ => null,
    };

    /// <summary>
    /// UTF-16 without a BOM. UTF-8 and GB18030 text has no zero bytes at all; UTF-16 has one in every ASCII character
    /// (the separators, digits and line breaks even of a Chinese sheet), on the same side of the pair (the other side
    /// has one only in the rare character like U+4E00 一). Zero bytes on both sides alike (binary garbage) are left to
    /// the ordinary reading, whose row errors say what is wrong.
    /// </summary>
    private static string? ByZeroBytes(byte[] bytes)
    {
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }

        // At least one pair in fifty: a stray NUL in UTF-8 text does not make it UTF-16.
        var pairs = bytes.Length / 2;
        if (oddZeros > 4 * evenZeros && oddZeros * 50 >= pairs)
        {
            return Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 0, "UTF-16");
        }

        return evenZeros > 4 * oddZeros && evenZeros * 50 >= pairs
            ? Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 0, "UTF-16")
            : null;
    }

    private static string Utf8OrGb18030(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static string Strict(Encoding encoding, byte[] bytes, int skip, string name)
    {
        try
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"the file starts as {name} but is not valid {name} further on: save it again as \"CSV UTF-8\"");
        }
    }
}

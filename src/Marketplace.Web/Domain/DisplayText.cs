using System.Text;

namespace Marketplace.Web.Domain;

/// <summary>Enum values as people read them on a page: "PurchaseOrder" → "Purchase order", "Ach" → "ACH".</summary>
public static class DisplayText
{
    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        ["Ach"] = "ACH",
        ["MacBook"] = "MacBook",
        ["ERate"] = "E-rate",
        ["EStewards"] = "e-Stewards",
        ["NaidAaa"] = "NAID AAA",
        ["W9"] = "W-9",
        ["TaxExemptCertificate"] = "Tax-exempt certificate",
        ["StreamlinedSalesTax"] = "Streamlined Sales Tax certificate",
        ["StateForm"] = "State exemption form",
    };

    /// <summary>The words in the middle of a sentence: "tax-exempt certificate", but "W-9", "R2v3" and "NAID AAA" as written.</summary>
    public static string InSentence(this Enum value)
    {
        var words = value.Words();
        return words.Length > 1 && char.IsUpper(words[0]) && char.IsLower(words[1]) ? char.ToLowerInvariant(words[0]) + words[1..] : words;
    }

    public static string Words(this Enum value)
    {
        var name = value.ToString();
        if (Special.TryGetValue(name, out var special))
        {
            return special;
        }

        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                words.Append(name[i]);
            }
        }

        return words.ToString();
    }
}

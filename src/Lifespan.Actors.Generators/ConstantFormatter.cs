using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lifespan.Actors.Generators;

/// <summary>Writes a parameter's default value as a C# constant expression of the parameter's type.</summary>
internal static class ConstantFormatter
{
    /// <summary>The default value of <paramref name="parameter"/>, or <see langword="null"/> when it has none.</summary>
    public static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return "default";
        }

        var type = parameter.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return "(" + type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                + ")(" + Primitive(value) + ")";
        }

        return value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => Floating(f, double.IsNaN(f), float.IsPositiveInfinity(f), float.IsNegativeInfinity(f), "global::System.Single", "F"),
            double d => Floating(d, double.IsNaN(d), double.IsPositiveInfinity(d), double.IsNegativeInfinity(d), "global::System.Double", "D"),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            long or int => Primitive(value) + (value is long ? "L" : string.Empty),
            ulong => Primitive(value) + "UL",
            uint => Primitive(value) + "U",
            byte or sbyte or short or ushort => "(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + Primitive(value) + ")",
            _ => Primitive(value),
        };
    }

    private static string Primitive(object value) => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);

    private static string Floating(object value, bool isNaN, bool isPositiveInfinity, bool isNegativeInfinity, string type, string suffix) =>
        isNaN ? type + ".NaN"
        : isPositiveInfinity ? type + ".PositiveInfinity"
        : isNegativeInfinity ? type + ".NegativeInfinity"
        : Primitive(value) + suffix;
}

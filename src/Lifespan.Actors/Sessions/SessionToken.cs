using System.Buffers.Text;
using System.Security.Cryptography;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>Session tokens: unguessable identifiers that name a session and its actor.</summary>
public static class SessionToken
{
    /// <summary>The longest token accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>A new token: 128 random bits from the operating system's generator, base64url-encoded (22 characters).</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Why <paramref name="token"/> cannot name a session, or <see langword="null"/> when it can.</summary>
    public static string? Problem(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "a session token must not be empty";
        }

        if (token.Length > MaxLength)
        {
            return $"a session token must be at most {MaxLength} characters (it has {token.Length})";
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"a session token may hold only letters, digits, '-' and '_' (it has '{c}')";
            }
        }

        return null;
    }

    /// <summary>
    /// The name of the session's actor, its entity id and its key in the state store: a one-way hash of
    /// <paramref name="token"/> (SHA-256, its first 128 bits base64url-encoded), so that an actor path in a log, a
    /// dead letter or a database row never hands out the session.
    /// </summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> text = token.Length <= MaxLength ? stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(token.Length)] : new byte[System.Text.Encoding.UTF8.GetMaxByteCount(token.Length)];
        var length = System.Text.Encoding.UTF8.GetBytes(token, text);
        SHA256.HashData(text[..length], hash);
        return "s-" + Base64Url.EncodeToString(hash[..16]);
    }

    /// <summary>The token shortened for logs, so that logs do not hand out sessions.</summary>
    public static string Redact(string token) => token.Length <= 6 ? token : string.Concat(token.AsSpan(0, 6), "…");

    /// <summary>Appends <c>Token = </c> and the redacted token: how the session messages print their token.</summary>
    internal static System.Text.StringBuilder PrintRedacted(System.Text.StringBuilder builder, string? token) =>
        builder.Append("Token = ").Append(token is null ? "(null)" : Redact(token));
}

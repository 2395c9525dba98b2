using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GuongSang.Content.Storage;

/// <summary>
/// Bearer secrets (agencies' push keys, staff access tokens): 256 random bits behind a recognisable prefix,
/// shown once and stored only as their SHA-256. They are long and random, so a plain hash is enough
/// (no password stretching needed).
/// </summary>
public static class Secrets
{
    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>Writes a source-generated JSON body with a status code.</summary>
internal static class JsonResponses
{
    public static async Task Write<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, value, type, http.RequestAborted);
    }
}

namespace EarlyWarning.Gateway.Photos;

/// <summary>Why an upload was refused: the status (400, 413, 415) and what to tell about the field <c>file</c>.</summary>
public sealed record PhotoProblem(int Status, string Title, string Message)
{
    public const string Field = "file";

    /// <summary>RFC 9457 problem details naming <see cref="Field"/>.</summary>
    public IResult ToResult() => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field] = [Message] })
    {
        Status = Status,
        Title = Title,
    });

    public static PhotoProblem Invalid(string message) => new(StatusCodes.Status400BadRequest, "The photo could not be used.", message);

    public static PhotoProblem TooLarge(long maxBytes) => new(
        StatusCodes.Status413PayloadTooLarge, "The photo is too large.", $"'{Field}' may be at most {maxBytes / (1024 * 1024)} MB.");

    public static PhotoProblem WrongType(string message) => new(StatusCodes.Status415UnsupportedMediaType, "The photo's type is not accepted.", message);
}

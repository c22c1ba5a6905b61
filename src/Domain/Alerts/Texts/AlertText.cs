namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>
/// One text of one language: a template (see <see cref="AlertTemplate"/> for its syntax) and
/// whether a native speaker has still to review it before it goes out for real.
/// </summary>
/// <param name="Template">The template, e.g. <c>Missing child: {name}[2| ({age})]</c>.</param>
/// <param name="NeedsReview">True for a text written without a native speaker (the Romani ones, for now).</param>
public sealed record AlertText(string Template, bool NeedsReview = false);

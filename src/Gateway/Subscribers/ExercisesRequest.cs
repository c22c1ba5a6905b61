namespace EarlyWarning.Gateway.Subscribers;

/// <summary>The body of <c>PUT /api/subscribers/me/exercises</c>: whether to receive exercises (drills) from now on.</summary>
public sealed record ExercisesRequest(bool? Exercises);

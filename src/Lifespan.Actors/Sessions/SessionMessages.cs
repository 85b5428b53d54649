using System.Text;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

// Every record here that holds a session token prints it redacted (SessionToken.Redact): Akka logs the messages it
// cannot deliver (dead letters), and a token in a log would hand out the session.

/// <summary>A message for one session, routed by <see cref="Token"/> through <c>/user/sessions</c>.</summary>
public interface ISessionMessage
{
    /// <summary>The session's token.</summary>
    string Token { get; }
}

/// <summary>
/// An event for a session. Events of one session are applied one at a time, in the order they arrive. The sender
/// (if any) gets an <see cref="EventCompleted"/> carrying <paramref name="CorrelationId"/> once the event has been
/// applied, refused or has failed; with <paramref name="RepliesOnFailureOnly"/>, only when it was refused or failed.
/// </summary>
public sealed record SessionEvent(string Token, StateEvent Event, long CorrelationId = 0, bool RepliesOnFailureOnly = false) : ISessionMessage
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Event = {Event}, CorrelationId = {CorrelationId}, RepliesOnFailureOnly = {RepliesOnFailureOnly}");
        return true;
    }
}

/// <summary>An event has been applied (<see cref="Error"/> is <see langword="null"/>) or refused or has failed.</summary>
public sealed record EventCompleted(string Token, string Handler, string? Error, long CorrelationId = 0)
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Handler = {Handler}, Error = {Error}, CorrelationId = {CorrelationId}");
        return true;
    }
}

/// <summary>The public state vars an event changed, as <c>{ "StateName": { "var": value } }</c>; sent to every subscriber.</summary>
public sealed record SessionDelta(string Token, string Json)
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Json = {Json}");
        return true;
    }
}

/// <summary>
/// An error no particular client asked for (an event queued by a handler, or a background task, failed); sent to every
/// subscriber. Errors of an event that has a sender go to the sender as <see cref="EventCompleted"/> instead.
/// </summary>
public sealed record SessionError(string Token, string? Handler, string Message)
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Handler = {Handler}, Message = {Message}");
        return true;
    }
}

/// <summary>
/// Subscribes <paramref name="Subscriber"/> to the session's deltas and errors (creating or restoring the session); the
/// sender gets <see cref="Subscribed"/> with the full public state. The subscription ends with <see cref="Unsubscribe"/>
/// or when the subscriber stops.
/// </summary>
public sealed record Subscribe(string Token, IActorRef Subscriber) : ISessionMessage
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Subscriber = {Subscriber}");
        return true;
    }
}

/// <summary>The full public state of a session when a subscription began, as <c>{ "StateName": { ... } }</c>.</summary>
public sealed record Subscribed(string Token, string State)
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", State = {State}");
        return true;
    }
}

/// <summary>Ends a subscription. When the last subscriber leaves, background tasks that opted in are cancelled.</summary>
public sealed record Unsubscribe(string Token, IActorRef Subscriber) : ISessionMessage
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", Subscriber = {Subscriber}");
        return true;
    }
}

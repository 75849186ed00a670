namespace Ledgerlink.Grains.Webhooks.Targets;

/// <summary>A webhook's address is not one Ledgerlink posts to; the message is safe to show to the integrator.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);

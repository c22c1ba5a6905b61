using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>What every scenario is given: where the gateway is, its REST clients, the sizes and the report.</summary>
internal sealed record LoadContext(LoadTargets Targets, GatewayClients Clients, LoadPlan Plan, ResultReport Report);

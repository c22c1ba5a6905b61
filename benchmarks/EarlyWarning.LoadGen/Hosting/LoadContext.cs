using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>What every scenario is given: where the gateways are, their REST clients, the sizes, the report and what else to read.</summary>
internal sealed record LoadContext(LoadTargets Targets, GatewayClients Clients, LoadPlan Plan, ResultReport Report, ClusterProbes Probes);

// headroom-cli: every job the GUI does, without a display. See `headroom-cli --help` and README.md.
#include <unistd.h>

#include <csignal>
#include <new>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli_args.h"
#include "app/cli_calibrate_command.h"
#include "app/cli_commands.h"
#include "app/cli_cost_command.h"
#include "app/cli_data_commands.h"
#include "app/cli_optimize_command.h"
#include "app/cli_plan_command.h"
#ifdef HEADROOM_HAVE_REPORT
#include "app/cli_report_command.h"
#endif
#include "app/cli_sweep_command.h"
#include "model/validation.h"

namespace {

const char* kHelp = R"(headroom-cli - capacity planning by discrete-event simulation

Usage:
  headroom-cli validate SCENARIO.json
  headroom-cli run SCENARIO.json [options]
  headroom-cli run --project P.hdrm --scenario NAME [options]
  headroom-cli analyze SCENARIO.json
  headroom-cli import FILE... [--project P.hdrm] [--format ID] [--utc-offset-min N] [--unit-hint U] [--bin S [--bin-stamp start|end]]
               [--name NAME] [--label K=V]... [--from T] [--to T] [--json FILE]
               [--route PATTERN=CLASS]... [--route-map FILE] [--latency-field request_time|upstream_response_time|D_us|T_s|none]
               [--latency-position K]
  headroom-cli project P.hdrm [--save-scenario SCENARIO.json [--comment TEXT]] [--json FILE]
  headroom-cli fit-traffic FILE [--series-name NAME] | --project P.hdrm --series ID
               [--linear] [--forecast-days D] [--utc-offset-hours H]
               [--scenario S.json --source NAME --out OUT.json [--replay [--growth F]]] [--from T] [--to T] [--json FILE]
  headroom-cli estimate-demand --project P.hdrm --utilization ID --throughput ID --servers N [--p50 ID --p95 ID --p99 ID]
               [--from T] [--to T] [--json FILE]
  headroom-cli backtest SCENARIO.json --project P.hdrm [--throughput ID] [--p50 ID] [--p95 ID] [--p99 ID]
               [--component NAME:THROUGHPUT_ID:UTILIZATION_ID] [--start-time UNIX_S] [--replications N] [--json FILE]
  headroom-cli plan SCENARIO.json [--months N | --days N] [--slo p99=300ms --slo errors=0.5%] [--step-s S]
               [--point-s S] [--json FILE] [--csv FILE] [--cost-csv FILE] [--price-book F] [--offer-csv F]
               [--today YYYY-MM-DD] [--no-cost] [--traffic FIT.json | --growth-band P10,P50,P90] [--band-csv F]
               [--check-windows N | --no-checks] [--check-replications N] [--threads N]
               [--project P.hdrm [--name NAME]] [--quiet]
  headroom-cli cost SCENARIO.json [--json F] [--price-book F] [--offer-csv F] [--project P.hdrm] [--today YYYY-MM-DD]
               [--crossover OTHER.json] [--seed N] [--replications N] [--horizon S] [--threads N] [--export-catalog F]
               [--class NAME[=VALUE]... [--class-label L] [--throughput-metric M] [--latency-metric M]
                [--latency-mean-metric M]] [--warmup S] [--window S] [--horizon S] [--from T] [--to T] [--strict]
  headroom-cli calibrate --project P.hdrm --class NAME[=VALUE]... --utilization-metric M | --busy-metric M
               [--class-label L] [--throughput-metric M[{CLASS_LABEL}]] [--latency-metric M[{..}]] [--bucket-metric M[{..}]]
               [--in-flight-metric M] [--match LABEL=VALUE] [--component NAME[=VALUE]... [--component-label L] [--call A>B]...]
               [--servers [COMPONENT=]N]... [--from T] [--to T] [--traffic mean|replay]
               --out SCENARIO.json [--json FILE]
  headroom-cli report (SCENARIO.json [--result RUN.json | --months N | --days N] | --project P.hdrm [--run ID | --plan NAME])
               --out REPORT.pdf|REPORT.html
               [--compare OTHER.json | --compare-run ID] [--json FILE] [--seed N] [--replications N]
               [--slo-p99-ms MS] [--slo-error-ratio F] [--revenue-per-month USD] [--conversion-loss-per-100ms F]
               [--check-windows N | --no-checks] [--check-replications N] [--growth-band P10,P50,P90 | --traffic FIT.json]
               (the last four with --months/--days, as for plan)
  headroom-cli sweep SWEEP.json [--threads N] [--project P.hdrm] [--json FILE]
  headroom-cli sweep SWEEP.json --shards N --out DIR [--shard i] [--threads N]
  headroom-cli sweep SWEEP.json --slurm [--partition X] [--max-parallel K] [--shards N] [--out DIR] [--retries R]
  headroom-cli sweep SWEEP.json --kubernetes JOB.yaml --shards N [--out DIR] [--image IMG] [--volume-claim PVC]
  headroom-cli merge DIR [--rerun] [--project P.hdrm] [--json FILE]
  headroom-cli optimize SCENARIO.json --slo p99=300ms [--slo errors=0.1%] [--at peak*2] [--failover REGION]...
               [--vars VARS.json | --var POINTER=LO:HI[:STEP] | --var POINTER=A,B,...] [--budget N] [--seed S]
               [--replications R] [--threads N] [--json FILE] [--price-book F] [--project P.hdrm] [--screen-only]
  headroom-cli --help | --version

Commands:
  validate   Load and check a scenario; prints every problem (component, field, rule). Exit 1 if invalid.
  run        Simulate; prints a summary table and the health verdict against the scenario's SLO (or p99 1 s,
             errors 1%), the same verdict as the GUI banner (and a progress bar on a terminal).
  analyze    Analytic queueing results (M/M/c, M/M/c/K, M/G/1, M/G/1-PS, Jackson, MVA) where the scenario
             fits a model; otherwise says which assumption fails.
  import     Read monitoring / load-test exports (Prometheus, CloudWatch, Grafana CSV, Datadog, New Relic,
             JMeter, k6, Locust, OTLP, access logs; format detected from content) and list the series with
             units and time ranges; warnings name the line. --project stores them in a project file.
  project    List a project file's scenarios (with versions), imported series and runs; --save-scenario
             adds a scenario version. The file is created when missing.
  fit-traffic  Fit trend (compound, or --linear) + daily and weekly seasonality to a request-rate series by
             least squares; prints growth per month with its CI, R^2, RMSE, MAPE and a forecast with a 95%
             band. --scenario/--source/--out writes a scenario whose source follows the fitted curve, or with
             --replay the observed series itself (scaled by --growth, horizon = the series' span).
  estimate-demand  Service time per request of a component from its utilization and throughput series
             (utilization law U = X S / c, least squares, with and without background load), and its
             lognormal shape from latency percentiles at low load. Series ids come from 'project'.
  backtest   Simulate the observed window with the (calibrated) scenario and compare simulated against
             observed throughput, utilization and latency percentiles, with the error per metric and a
             good / fair / poor rating: how far to trust the model before projecting growth.
  plan       Capacity plan over months: a fluid/analytic pass of every component with the scenario's
             autoscalers, the runway per component (when and why it first breaks the SLO or its utilization
             threshold; growth factor, residual capacity), the end-to-end SLO breach and the alert timeline.
             --slo (repeatable) overrides the scenario's slo block. With pricing blocks, the cost of every
             730 h billing month along the plan (per component and line, per 1,000 requests). --traffic
             (fit-traffic --json output) or --growth-band: runway and monthly cost as P10/P50/P90 bands.
             Checks up to 6 windows (SLO breach, runway ends, faults, peaks) with the request-level engine;
             where the fluid p99 is outside the simulated CI, the simulated number wins.
             --project P stores the plan (as --name, default the scenario's name). See docs/planning.md.
  cost       Simulate and price the run (docs/cost.md): per-second instances with a 60 s minimum as the
             autoscalers change them, cluster nodes, Lambda requests + GB-seconds, egress and CDN tiers,
             managed services, spot / committed discounts; per component and resource line, per hour, per
             month (730 h), per 1,000 requests, with 95% CIs. --price-book adds your prices (stored in the
             project with --project), --offer-csv reads an AWS Price List offer file, --crossover OTHER prices
             serverless against containers and prints the rate where they cost the same, --export-catalog
             writes the catalog as a price book to edit. `run` prints the same cost section when the scenario
             has a pricing block (also --price-book, --today).
             good / fair / poor rating: how far to trust the model before projecting growth. --class adds
             per-class rows; the verdict fails when any row is off by more than 25% (--strict: exit code 4).
  Times for --from/--to: Unix seconds, 2026-03-01T10:00:00Z (UTC), or +N[s|m|h|d] after the series start.
  calibrate  One command from imported series to a runnable scenario: per-class service times (non-negative
             least squares of busy servers on per-class throughputs, with background), per-class variability
             (histogram buckets, else latency percentiles), the server count (gauge or throughput plateau, else
             --servers), one source per class; every parameter carries its provenance (series, window,
             estimator, fit quality). Series are picked by name and labels, never by id. Several
             --component NAME=VALUE (series by --component-label) give one service each, chained in that order
             or wired by --call A>B.
  report     The management report as PDF (vector charts, page numbers and a reproducibility stamp on every
             page) or one standalone HTML file (inline SVG): verdict against the SLO, key figures with 95% CIs,
             charts, bottleneck, A/B comparison, business impact (an editable assumption: +100 ms mean response
             = -7% conversion by default), method, analytic cross-check and the assumptions log. Runs the
             scenario, or reports a stored run (--project, latest or --run ID) or the result of an earlier
             `run --json` (--result); needs no display. --json writes the run result it reports. --months N
             plans the scenario and reports the plan (runway, alerts, cost, charts over the horizon) with the
             same request-level window checks as `plan` (6 by default);
             --project P --plan NAME reports a stored plan. The SLO is the scenario's slo block, else the
             health defaults (p99 1 s, errors 1%); --slo-p99-ms / --slo-error-ratio override it.
  sweep      Run every (point, replication) of a sweep file (docs/sweeps.md) on all cores: variables set any
             scenario field by JSON pointer (list, range or Latin hypercube); prints each point's KPIs with
             95% CIs. Identical results for any --threads, shard count or machine. --shard i --shards N
             --out DIR runs one shard; --slurm submits all shards as a Slurm job array (sbatch), waits
             (squeue), re-submits failed shards, merges; Ctrl-C runs scancel. --kubernetes writes an Indexed Job.
  merge      Merge a shard folder; names every missing or failed shard (--rerun runs only those here).
  optimize   The cheapest configuration (replicas, instance types, or any field by --var POINTER) whose upper
             95% CI of p99 (and of the error ratio) meets the SLO under every stress case (--at peak*K,
             --failover REGION): analytic screening in cost order, then DES confirmation; prints the cost-vs-p99
             front, the marginal cost per ms, the binding constraint and the evaluations (docs/optimizer.md).

Run options (each overrides the scenario's "simulation" block):
  --seed N               base random seed (replication r uses a seed derived from N and r)
  --replications N       independent replications (minimum replications when --precision is set)
  --threads N            worker threads; 0 = all cores (default). Results do not depend on it.
  --horizon SECONDS      simulated time per replication
  --warmup SECONDS       initial period whose statistics are discarded
  --window SECONDS       width of the time-series windows
  --max-requests N       stop each replication after N finished requests (after warm-up)
  --precision FRACTION   add replications until the 95% CI half-width of the end-to-end mean response
                         time is below FRACTION x mean (e.g. 0.02), up to max_replications
  --json FILE            write the full result (KPIs with 95% CIs, series) as JSON ('-' = stdout)
  --project P.hdrm       store the scenario (as a new version) and the run result in a project file
  --scenario NAME        with --project and no SCENARIO file: run the latest version stored in the project
  --csv FILE             write the windowed time series as CSV
  --compare              also compute the analytic model and flag KPIs outside the simulation's CI
                         (exit code 3 if any is flagged)
  --scale-traffic F      what-if: every source's traffic times F (open: rate curve, closed: population)
  --rate SOURCE=R        what-if: open source SOURCE at a constant R req/s (repeatable; after --scale-traffic)
  --quiet                no summary table
  --no-progress          no progress bar (it is off anyway when stderr is not a terminal)

Exit codes: 0 success, 1 invalid scenario or failed run, 2 usage error, 3 analytic check flagged a KPI, 4 backtest --strict verdict fail,
130 cancelled (Ctrl-C).
Units: times in seconds unless a name says _ms; rates per second; utilization in [0, 1] (tables show %).
)";

headroom::Feedback* g_feedback = nullptr;

extern "C" void onSigint(int) {
  if (g_feedback) g_feedback->cancel();  // an atomic store: async-signal-safe
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "headroom-cli " << HEADROOM_VERSION << "\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  headroom::Feedback feedback;
  g_feedback = &feedback;
  std::signal(SIGINT, onSigint);
  try {
    headroom::cli::CommandContext ctx{std::cout, std::cerr, feedback, isatty(STDERR_FILENO) != 0};
    if (command == "validate") return headroom::cli::commandValidate(args, ctx);
    if (command == "run") return headroom::cli::commandRun(args, ctx);
    if (command == "analyze") return headroom::cli::commandAnalyze(args, ctx);
    if (command == "import") return headroom::cli::commandImport(args, ctx);
    if (command == "project") return headroom::cli::commandProject(args, ctx);
    if (command == "fit-traffic") return headroom::cli::commandFitTraffic(args, ctx);
    if (command == "estimate-demand") return headroom::cli::commandEstimateDemand(args, ctx);
    if (command == "backtest") return headroom::cli::commandBacktest(args, ctx);
    if (command == "plan") return headroom::cli::commandPlan(args, ctx);
    if (command == "cost") return headroom::cli::commandCost(args, ctx);
    if (command == "calibrate") return headroom::cli::commandCalibrate(args, ctx);
#ifdef HEADROOM_HAVE_REPORT
    if (command == "report") return headroom::cli::commandReport(args, ctx);
#endif
    if (command == "sweep") return headroom::cli::commandSweep(args, ctx);
    if (command == "merge") return headroom::cli::commandMerge(args, ctx);
    if (command == "optimize") return headroom::cli::commandOptimize(args, ctx);
    throw headroom::cli::UsageError("unknown command '" + command + "' (see --help)");
  } catch (const headroom::cli::UsageError& e) {
    std::cerr << "headroom-cli: " << e.what() << "\n";
    return 2;
  } catch (const headroom::ValidationCancelled&) {
    std::cerr << "headroom-cli: cancelled while validating the scenario\n";
    return 130;
  } catch (const std::bad_alloc&) {
    std::cerr << "headroom-cli: out of memory: the input or the run is larger than this machine can hold "
                 "(docs/reliability.md lists the limits)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "headroom-cli: " << e.what() << "\n";
    return 1;
  }
}

using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Automation;
using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>
/// This node's member of the clustered Quartz scheduler (tables <c>qrtz_*</c> in the system schema, created on first start):
/// cron triggers kept in step with the published model's schedule rules, the date-relative sweep and the maintenance jobs.
/// Every node runs one; Quartz's database locks make each firing happen on exactly one of them.
/// </summary>
public sealed class CrmScheduler : IAsyncDisposable
{
    /// <summary>Quartz scheduler name shared by every node of one database.</summary>
    public const string SchedulerName = "nocodecrm";
    public const string RuleGroup = "crm.rules";
    public const string SystemGroup = "crm.system";
    public const string MaintenanceGroup = "crm.maintenance";
    public static readonly JobKey ScheduleRuleJobKey = new("schedule-rule", RuleGroup);
    public static readonly JobKey SweepJobKey = new("date-relative-sweep", SystemGroup);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ModelRegistry _registry;
    private readonly IReadOnlyDictionary<string, IMaintenanceJob> _maintenance;
    private readonly SchedulingOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _modelChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopGate = new();
    private Task? _stop;
    private IScheduler? _quartz;
    private Task? _syncLoop;

    public CrmScheduler(NpgsqlDataSource dataSource, ModelRegistry registry, IEnumerable<IMaintenanceJob> maintenanceJobs, SchedulingOptions options,
        ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _registry = registry;
        _maintenance = maintenanceJobs.ToDictionary(j => j.Name, StringComparer.Ordinal);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<CrmScheduler>();
        _time = time ?? TimeProvider.System;
        Sweeper = new DateRelativeSweeper(dataSource, registry, _loggerFactory.CreateLogger<DateRelativeSweeper>());
        TickWriter = new ScheduleTickWriter(dataSource, registry.Names);
    }

    public DateRelativeSweeper Sweeper { get; }
    public ScheduleTickWriter TickWriter { get; }

    /// <summary>The running Quartz scheduler of this node.</summary>
    public IScheduler Quartz => _quartz ?? throw new InvalidOperationException("The scheduler has not been started.");

    /// <summary>Builds and starts this node's scheduler, registers the system and maintenance jobs and syncs the rule triggers.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var ruleLogger = _loggerFactory.CreateLogger<ScheduleRuleJob>();
        var factory = new SchedulerJobFactory(
            () => new ScheduleRuleJob(_registry, TickWriter, ruleLogger),
            () => new DateRelativeSweepJob(Sweeper, _time),
            _maintenance, _logger);
        var prefix = Schema.Sql.Quote(_registry.Names.SystemSchema) + "." + SchedulingTables.QuartzTablePrefix;
        _quartz = await QuartzSchedulerBuilder.Create(q =>
        {
            q.Services.AddSingleton(_loggerFactory);
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                if (!string.IsNullOrEmpty(_options.InstanceId)) o.InstanceId = _options.InstanceId;
            });
            q.UseJobFactory(factory);
            q.UseDefaultThreadPool(_options.MaxConcurrency);
            q.UseTimeProvider(_time);
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(d => d.DataSourceFactory = _ => _dataSource);
                s.ConfigureStore(o => o.TablePrefix = prefix);
                // Quartz creates only what is missing and tolerates a concurrent creator, so every node may start at once.
                s.ProvisionSchema();
                s.UseClustering(c => c.CheckinInterval = _options.CheckinInterval);
            });
        }).BuildScheduler(ct).ConfigureAwait(false);

        await RegisterSystemJobsAsync(_quartz, ct).ConfigureAwait(false);
        await SyncAsync(_registry.Current, ct).ConfigureAwait(false);
        _registry.Installed += OnModelInstalled;
        _syncLoop = Task.Run(() => SyncLoopAsync(_stopping.Token), CancellationToken.None);
        await _quartz.Start(ct).ConfigureAwait(false);
    }

    /// <summary>Stops firing on this node and waits for running jobs; the cluster's other nodes take over its triggers.</summary>
    /// <remarks>
    /// Every caller waits for the one shutdown: a test host is stopped twice at once (by its factory and by the app's own run
    /// loop, which then disposes the container), and a second caller returning early let the data source be disposed under
    /// a job still finishing, which Quartz then retried for ever.
    /// </remarks>
    public Task StopAsync(CancellationToken ct)
    {
        lock (_stopGate) return _stop ??= StopOnceAsync(ct);
    }

    private async Task StopOnceAsync(CancellationToken ct)
    {
        _registry.Installed -= OnModelInstalled;
        _modelChanged.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_syncLoop is not null) await _syncLoop.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_quartz is { Status: not (SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown) }) await _quartz.Shutdown(true, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>
    /// Makes the cron triggers match the model's enabled schedule rules (added, rescheduled, removed) and the watermark rows match its
    /// date-relative rules. Serialised across nodes; a node whose model is older than the last synced version leaves everything as is.
    /// </summary>
    public async Task SyncAsync(CompiledModel model, CancellationToken ct)
    {
        var quartz = Quartz;
        var s = Schema.Sql.Quote(_registry.Names.SystemSchema);
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('nocodecrm.schedule_sync'))",
            transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        var synced = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT model_version FROM {s}.schedule_sync WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        if (synced > model.Version)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return;
        }

        var wanted = new Dictionary<string, (string Cron, TimeZoneInfo Zone)>(StringComparer.Ordinal);
        foreach (var rule in model.Model.Automations)
        {
            if (rule.Disabled || rule.Trigger?.Type != TriggerType.Schedule) continue;
            if (!TriggerSettings.TryParseCron(rule.Trigger.Cron, out _) || !TriggerSettings.TryResolveTimeZone(rule.Trigger.TimeZone, out var zone)) continue;
            wanted[rule.Name] = (rule.Trigger.Cron!, zone);
        }

        var existing = await quartz.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(RuleGroup), Take = PagedQuery.All }, ct)
            .ConfigureAwait(false);
        foreach (var header in existing.Items)
        {
            if (!wanted.TryGetValue(header.Key.Name, out var want))
            {
                await quartz.UnscheduleJob(header.Key, ct).ConfigureAwait(false);
                _logger.LogInformation("Schedule rule {Rule} removed: trigger deleted", header.Key.Name);
            }
            else if (header.Description != Signature(want.Cron, want.Zone))
            {
                await quartz.RescheduleJob(header.Key, RuleTrigger(header.Key.Name, want.Cron, want.Zone), ct).ConfigureAwait(false);
                _logger.LogInformation("Schedule rule {Rule} changed: rescheduled to {Cron} ({Zone})", header.Key.Name, want.Cron, want.Zone.Id);
            }
            wanted.Remove(header.Key.Name);
        }
        foreach (var (name, want) in wanted)
        {
            await quartz.ScheduleJob(RuleTrigger(name, want.Cron, want.Zone), new ScheduleJobOptions { Replace = true }, ct).ConfigureAwait(false);
            _logger.LogInformation("Schedule rule {Rule} scheduled at {Cron} ({Zone})", name, want.Cron, want.Zone.Id);
        }

        // A rule is first seen now: its window starts here, so dates already past never fire. A removed or disabled rule loses its
        // watermark, so enabling it again starts afresh instead of catching up the time it was off.
        var active = DateRelativeRule.For(model).Select(r => r.Name).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             DELETE FROM {s}.date_relative_watermark WHERE rule <> ALL(@active);
             INSERT INTO {s}.date_relative_watermark (rule, watermark) SELECT r, @now FROM unnest(@active) AS r ON CONFLICT DO NOTHING;
             INSERT INTO {s}.schedule_sync (id, model_version) VALUES (1, @version)
             ON CONFLICT (id) DO UPDATE SET model_version = excluded.model_version, synced_at = now();
             """,
            new { active, now = _time.GetUtcNow().UtcDateTime, version = model.Version }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task RegisterSystemJobsAsync(IScheduler quartz, CancellationToken ct)
    {
        await quartz.AddJob(JobBuilder.Create<ScheduleRuleJob>().WithIdentity(ScheduleRuleJobKey).StoreDurably().Build(), AddJobOptions.Replacing, ct)
            .ConfigureAwait(false);

        var sweep = JobBuilder.Create<DateRelativeSweepJob>().WithIdentity(SweepJobKey).StoreDurably().DisallowConcurrentExecution().Build();
        // Missed runs are not replayed one by one: the next run's window starts at the watermark and covers them all.
        var sweepTrigger = TriggerBuilder.Create(_time).WithIdentity(SweepJobKey.Name, SystemGroup).ForJob(sweep)
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(_options.SweepInterval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .StartNow().Build();
        await quartz.ScheduleJob(sweep, sweepTrigger, new ScheduleJobOptions { Replace = true }, ct).ConfigureAwait(false);

        foreach (var job in _maintenance.Values)
        {
            var detail = JobBuilder.Create<MaintenanceJobRunner>().WithIdentity(job.Name, MaintenanceGroup).StoreDurably().DisallowConcurrentExecution().Build();
            var trigger = TriggerBuilder.Create(_time).WithIdentity(job.Name, MaintenanceGroup).ForJob(detail)
                .WithSchedule(CronScheduleBuilder.Create(job.Cron).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await quartz.ScheduleJob(detail, trigger, new ScheduleJobOptions { Replace = true }, ct).ConfigureAwait(false);
        }
    }

    private ITrigger RuleTrigger(string rule, string cron, TimeZoneInfo zone) =>
        TriggerBuilder.Create(_time).WithIdentity(rule, RuleGroup).ForJob(ScheduleRuleJobKey).WithDescription(Signature(cron, zone))
            // After downtime a rule fires once for the ticks it missed, not once per tick; the ledger keeps each tick single.
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    private static string Signature(string cron, TimeZoneInfo zone) => cron + " @ " + zone.Id;

    private void OnModelInstalled(CompiledModel model) => _modelChanged.Writer.TryWrite(true);

    private async Task SyncLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var _ in _modelChanged.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await SyncAsync(_registry.Current, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Syncing schedule triggers with metadata version {Version} failed", _registry.Current.Version);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}

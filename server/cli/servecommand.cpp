// remise-server serve: the HTTP service the storefront calls during checkout
// (docs/operations.md).

#include "cli.h"
#include "client.h"
#include "clock.h"
#include "interruption.h"
#include "logging.h"
#include "service.h"
#include "serviceconfig.h"
#include "sqlitestore.h"
#include "transport.h"
#include "walcheckpointer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

/// The event-loop scheduler, counting the waits the Stripe client asks for: each is a retry.
class CountingScheduler final : public Scheduler
{
public:
    void after(std::chrono::milliseconds delay, QObject *context, std::function<void()> fn) override
    {
        if (metrics)
            metrics->stripeRetry();
        EventLoopScheduler::instance().after(delay, context, std::move(fn));
    }

    api::Metrics *metrics = nullptr;
};

/// Opens the database the service uses; never creates one by surprise (--migrate does).
Result<std::unique_ptr<SqliteStore>> openServiceStore(Context &ctx, const QString &path,
                                                      bool migrate)
{
    if (!migrate && !QFileInfo::exists(path))
        return fail(u"database_missing"_s,
                    u"no database at %1; create it with 'remise-server db migrate --db %1' or "
                    u"start with --migrate"_s.arg(path));
    auto store = SqliteStore::open(path);
    if (!store)
        return fail(store.error());
    const auto version = (*store)->schemaVersion();
    if (!version)
        return fail(version.error());
    if (*version < Store::latestSchemaVersion()) {
        if (!migrate)
            return fail(u"schema_outdated"_s,
                        u"the database %1 has schema version %2, this binary needs %3; run "
                        u"'remise-server db migrate' or start with --migrate"_s.arg(path)
                            .arg(*version)
                            .arg(Store::latestSchemaVersion()));
        if (auto migrated = (*store)->migrate(); !migrated)
            return fail(migrated.error());
        ctx.err << ctx.program << ": migrated " << path << " to schema version "
                << Store::latestSchemaVersion() << Qt::endl;
    }
    return store;
}

} // namespace

int serve(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption configOption(u"config"_s, u"The config file."_s, u"FILE"_s);
    const QCommandLineOption listenOption(
        u"listen"_s, u"Address and port (default 127.0.0.1:4242; port 0 picks one)."_s, u"ADDR"_s);
    const QCommandLineOption rateOption(
        u"rate-limit"_s, u"Requests per second per client (0: off, behind a limiting proxy)."_s,
        u"N"_s);
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    const QCommandLineOption migrateOption(u"migrate"_s,
                                           u"Create or upgrade the database schema first."_s);
    parser.addOptions({configOption, listenOption, rateOption, liveOption, migrateOption});
    if (auto stop = parseArguments(ctx, parser, u"serve"_s,
                                   u"[--config FILE] [--listen ADDR] [--db PATH] [--rate-limit N] "
                                   u"[--allow-live] [--migrate]"_s,
                                   0, 0))
        return *stop;

    api::ServiceConfig::Overrides overrides;
    overrides.configFile = parser.value(configOption);
    overrides.listen = parser.value(listenOption);
    overrides.databasePath = ctx.dbOption; // the global --db, before or after the command
    overrides.allowLive = parser.isSet(liveOption);
    overrides.migrate = parser.isSet(migrateOption);
    if (parser.isSet(rateOption)) {
        bool ok = false;
        const double rate = parser.value(rateOption).toDouble(&ok);
        if (!ok || rate < 0 || rate > 100000)
            return usageError(ctx, u"--rate-limit must be a number from 0 to 100000"_s, u"serve"_s);
        overrides.rateLimit = rate;
    }
    auto config = api::ServiceConfig::load(ctx.environment, overrides);
    if (!config)
        return report(ctx, config.error());

    // A service logs what it does, one JSON object per line (secrets redacted).
    logging::install(config->jsonLogs ? logging::Format::Json : logging::Format::Text);
    // The service's own events (start, stop, refusals, webhooks, failures) are logged; one line
    // per update and per Stripe call only on request (REMISE_LOG_REQUESTS=true): under load
    // they cost about a third of the CPU time of a request, and the activity log and the
    // metrics already record every update. QT_LOGGING_RULES still wins.
    const bool perRequest = ctx.environment.value(u"REMISE_LOG_REQUESTS"_s) == u"true";
    QLoggingCategory::setFilterRules(
        perRequest ? u"remise.*.info=true\nremise.*.debug=false"_s
                   : u"remise.*.info=true\nremise.*.debug=false\nremise.workflow.info=false\n"
                     u"remise.stripe.info=false\nremise.store.info=false"_s);

    auto store = openServiceStore(ctx, config->databasePath, config->migrate);
    if (!store)
        return report(ctx, store.error());
    // The write-ahead log is copied back into the database on a thread of its own, so that no
    // request waits for a checkpoint (docs/performance.md).
    auto checkpointer = WalCheckpointer::start(**store, std::chrono::milliseconds(200));
    if (!checkpointer)
        return report(ctx, checkpointer.error());

    CountingScheduler scheduler;
    stripe::Config stripeConfig;
    stripeConfig.apiBase = config->apiBase;
    stripeConfig.apiVersion = config->apiVersion;
    stripeConfig.totalTimeout = config->stripeTimeout;
    stripeConfig.attemptTimeout = config->attemptTimeout;
    stripeConfig.allowLive = config->allowLive;
    stripe::Transport::Options transportOptions;
    transportOptions.maxConnectionsPerHost = config->stripeConnections;
    stripe::Transport transport(transportOptions);
    auto client =
        stripe::Client::create(*config->key, stripeConfig, &transport, ctx.clock, scheduler);
    if (!client)
        return report(ctx, client.error());
    api::Service service(*config, **client, **store, ctx.clock);
    scheduler.metrics = &service.metrics();
    QObject::connect(&transport, &stripe::Transport::exchanged, &service,
                     [&service](const QByteArray &method, int status) {
                         service.metrics().stripeAttempt(QString::fromLatin1(method), status);
                     });
    const auto port = service.listen();
    if (!port)
        return report(ctx, port.error());
    qCInfo(lcCli).noquote() << u"configuration:\n"_s + config->describe();
    const QString host = config->address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + config->address.toString() + u']'
                             : config->address.toString();
    // The line tests and scripts wait for (plain, whatever the log format).
    const QByteArray ready =
        "listening on http://" + host.toUtf8() + ':' + QByteArray::number(*port) + '\n';
    std::fwrite(ready.constData(), 1, size_t(ready.size()), stderr);
    std::fflush(stderr);

    // SIGTERM or SIGINT: stop accepting, let what is in flight finish, then leave. A second
    // signal stops at once.
    Interruption interruption;
    QEventLoop loop;
    QObject::connect(&interruption, &Interruption::interrupted, &service, [&](int signal) {
        qCInfo(lcCli).noquote() << "signal" << signal << "- stopping";
        service.shutdown([&loop] { loop.quit(); });
    });
    loop.exec();
    qCInfo(lcCli) << "stopped";
    return Ok;
}

} // namespace remise::cli

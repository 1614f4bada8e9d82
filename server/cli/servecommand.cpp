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
#include <QSemaphore>
#include <QThread>

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

/// One lane of the service: a Stripe client and a database connection of its own and the
/// Service over them, all on the thread that builds it (api::Service says what lanes share).
struct Lane
{
    std::unique_ptr<SqliteStore> store;
    CountingScheduler scheduler;
    std::unique_ptr<stripe::Transport> transport;
    std::unique_ptr<stripe::Client> client;
    std::unique_ptr<api::Service> service;
};

Result<std::unique_ptr<Lane>> buildLane(const api::ServiceConfig &config,
                                        std::unique_ptr<SqliteStore> store, const Clock &clock,
                                        api::ServiceShared &shared, int index)
{
    auto lane = std::make_unique<Lane>();
    lane->store = std::move(store);
    lane->scheduler.metrics = &shared.metrics;
    stripe::Config stripeConfig;
    stripeConfig.apiBase = config.apiBase;
    stripeConfig.apiVersion = config.apiVersion;
    stripeConfig.totalTimeout = config.stripeTimeout;
    stripeConfig.attemptTimeout = config.attemptTimeout;
    stripeConfig.allowLive = config.allowLive;
    stripe::Transport::Options transportOptions;
    transportOptions.maxConnectionsPerHost = config.stripeConnections;
    lane->transport = std::make_unique<stripe::Transport>(transportOptions);
    auto client = stripe::Client::create(*config.key, stripeConfig, lane->transport.get(), clock,
                                         lane->scheduler);
    if (!client)
        return fail(client.error());
    lane->client = std::move(*client);
    lane->service =
        std::make_unique<api::Service>(config, *lane->client, *lane->store, clock, shared, index);
    QObject::connect(lane->transport.get(), &stripe::Transport::exchanged, lane->service.get(),
                     [metrics = &shared.metrics](const QByteArray &method, int status) {
                         metrics->stripeAttempt(QString::fromLatin1(method), status);
                     });
    return lane;
}

/// A lane after the first, on a thread of its own: it opens its database connection, joins
/// the first lane's listening socket and runs its event loop until shut down.
struct LaneThread
{
    std::unique_ptr<QThread> thread;
    Lane *lane = nullptr;
    QEventLoop *loop = nullptr;
    Status started;
};

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
    api::ServiceShared shared(*config);
    auto built = buildLane(*config, std::move(*store), ctx.clock, shared, 0);
    if (!built)
        return report(ctx, built.error());
    Lane &first = **built;
    // The write-ahead log is copied back into the database on a thread of its own, so that no
    // request waits for a checkpoint (docs/performance.md). (Declared after the first lane: it
    // is stopped before the lane's store closes.)
    auto checkpointer = WalCheckpointer::start(*first.store, std::chrono::milliseconds(200));
    if (!checkpointer)
        return report(ctx, checkpointer.error());
    const auto port = first.service->listen();
    if (!port)
        return report(ctx, port.error());

    // The other lanes, each on its own thread, taking the connections the first hands over.
    std::vector<std::unique_ptr<LaneThread>> lanes;
    for (int i = 1; i < config->threads; ++i) {
        auto slot = std::make_unique<LaneThread>();
        QSemaphore ready;
        LaneThread *laneThread = slot.get();
        slot->thread.reset(QThread::create([&, laneThread, i] {
            auto opened = SqliteStore::open(config->databasePath);
            if (!opened) {
                laneThread->started = fail(opened.error());
                return ready.release();
            }
            // The checkpointer thread copies the log back for every connection.
            if (auto off = (*opened)->setAutoCheckpoint(false); !off) {
                laneThread->started = off;
                return ready.release();
            }
            auto lane = buildLane(*config, std::move(*opened), ctx.clock, shared, i);
            if (!lane) {
                laneThread->started = fail(lane.error());
                return ready.release();
            }
            laneThread->started = (*lane)->service->join(*first.service);
            if (!laneThread->started)
                return ready.release();
            QEventLoop loop;
            laneThread->lane = lane->get();
            laneThread->loop = &loop;
            ready.release();
            loop.exec();
            laneThread->lane = nullptr;
        }));
        slot->thread->setObjectName(u"lane %1"_s.arg(i));
        slot->thread->start();
        ready.acquire();
        if (!slot->started) {
            slot->thread->wait();
            for (auto &started : lanes) { // stop the lanes already running
                QMetaObject::invokeMethod(started->loop, &QEventLoop::quit, Qt::QueuedConnection);
                started->thread->wait();
            }
            return report(ctx, slot->started.error());
        }
        lanes.push_back(std::move(slot));
    }
    QList<api::Service *> others;
    for (const auto &lane : lanes)
        others.append(lane->lane->service.get());
    if (!others.isEmpty())
        first.service->shareWith(others);
    api::Service &service = *first.service;
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
        for (const auto &lane : lanes) {
            api::Service *other = lane->lane->service.get();
            QEventLoop *otherLoop = lane->loop;
            QMetaObject::invokeMethod(
                other, [other, otherLoop] { other->shutdown([otherLoop] { otherLoop->quit(); }); },
                Qt::QueuedConnection);
        }
        service.shutdown([&loop] { loop.quit(); });
    });
    loop.exec();
    for (const auto &lane : lanes)
        lane->thread->wait();
    qCInfo(lcCli) << "stopped";
    return Ok;
}

} // namespace remise::cli

// remise-server apply / sessions list: the commands that talk to Stripe (or the sandbox).

#include "cli.h"
#include "client.h"
#include "clock.h"
#include "json.h"
#include "money.h"
#include "store.h"
#include "updateworkflow.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

/// The client as configured by the environment (DESIGN §5).
Result<std::unique_ptr<stripe::Client>>
clientFromEnvironment(bool allowLive, QNetworkAccessManager *network, const Clock &clock)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto key = loadApiKey(env);
    if (!key)
        return fail(key.error());
    stripe::Config config;
    config.allowLive = allowLive;
    const QString base = env.value(u"REMISE_STRIPE_API_BASE"_s);
    if (!base.isEmpty()) {
        const QUrl url(base);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            url.host().isEmpty())
            return fail(errc::usage,
                        u"REMISE_STRIPE_API_BASE \"%1\" is not an http(s) URL"_s.arg(base));
        config.apiBase = url;
    }
    const QString version = env.value(u"REMISE_STRIPE_API_VERSION"_s);
    if (!version.isEmpty())
        config.apiVersion = version;
    const QString timeout = env.value(u"REMISE_STRIPE_TIMEOUT_MS"_s);
    if (!timeout.isEmpty()) {
        bool ok = false;
        const int ms = timeout.toInt(&ok);
        if (!ok || ms < 100)
            return fail(errc::usage,
                        u"REMISE_STRIPE_TIMEOUT_MS must be a number of milliseconds ≥ 100"_s);
        config.totalTimeout = std::chrono::milliseconds(ms);
        config.attemptTimeout = std::min(config.attemptTimeout, config.totalTimeout);
    }
    const QString attempt = env.value(u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS"_s);
    if (!attempt.isEmpty()) {
        bool ok = false;
        const int ms = attempt.toInt(&ok);
        if (!ok || ms < 100)
            return fail(
                errc::usage,
                u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS must be a number of milliseconds ≥ 100"_s);
        config.attemptTimeout = std::chrono::milliseconds(ms);
    }
    return stripe::Client::create(*key, config, network, clock, EventLoopScheduler::instance());
}

int apply(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption codeOption(u"code"_s, u"Submit this code for the customer."_s, u"C"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s,
                                          u"Print the decision and the request, send nothing."_s);
    const QCommandLineOption clearOption(u"clear"_s,
                                         u"Remove any discount, whatever the rules say."_s);
    const QCommandLineOption dbOption(u"db"_s, u"The database."_s, u"PATH"_s);
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    parser.addOptions({codeOption, dryRunOption, clearOption, dbOption, liveOption});
    parser.addPositionalArgument(u"SESSION_ID"_s, u"The Checkout Session (cs_test_…)."_s);
    if (auto stop = parseArguments(
            ctx, parser, u"apply"_s,
            u"SESSION_ID [--code C] [--dry-run] [--clear] [--db PATH] [--allow-live]"_s, 1, 1))
        return *stop;
    if (parser.isSet(codeOption) && parser.isSet(clearOption))
        return usageError(ctx, u"--code and --clear cannot be combined"_s, u"apply"_s);

    QNetworkAccessManager network;
    auto client = clientFromEnvironment(parser.isSet(liveOption), &network, ctx.clock);
    if (!client)
        return report(ctx, client.error());
    auto store = openStore(ctx, databasePath(parser.value(dbOption)));
    if (!store)
        return report(ctx, store.error());

    UpdateWorkflow workflow(**client, **store, ctx.clock);
    UpdateRequest request;
    request.sessionId = parser.positionalArguments().first();
    request.actor = u"cli"_s;
    request.action = parser.isSet(clearOption) ? u"remove"_s : u"apply"_s;
    request.dryRun = parser.isSet(dryRunOption);
    if (parser.isSet(codeOption)) {
        request.codeAction = UpdateRequest::Code::Submit;
        request.code = parser.value(codeOption);
        request.action = u"code"_s;
    }
    if (parser.isSet(clearOption))
        request.mode = UpdateRequest::Mode::Clear;

    QEventLoop loop;
    int status = Failed;
    workflow.run(request, &loop, [&](Result<UpdateOutcome> outcome) {
        if (!outcome) {
            status = report(ctx, outcome.error());
        } else {
            QJsonObject out = outcome->toJson();
            if (request.dryRun)
                out.insert(
                    u"request"_s,
                    QJsonObject{
                        {u"method"_s, u"POST"_s},
                        {u"path"_s, QString(u"/v1/checkout/sessions/"_s + request.sessionId)},
                        {u"idempotency_key"_s,
                         u"remise-%1-%2"_s.arg(request.sessionId, outcome->decision.id)},
                        {u"params"_s, outcome->request}});
            ctx.out << QString::fromUtf8(json::write(out, json::Style::Pretty,
                                                     // One order that reads well for the outcome,
                                                     // the discount and the decision within it.
                                                     {u"outcome"_s,
                                                      u"session"_s,
                                                      u"decision_id"_s,
                                                      u"id"_s,
                                                      u"eligible"_s,
                                                      u"applied"_s,
                                                      u"amount_off"_s,
                                                      u"currency"_s,
                                                      u"subtotal"_s,
                                                      u"name"_s,
                                                      u"discount"_s,
                                                      u"campaigns"_s,
                                                      u"reason"_s,
                                                      u"before"_s,
                                                      u"after"_s,
                                                      u"amount_total"_s,
                                                      u"stripe_request_id"_s,
                                                      u"stripe_calls"_s,
                                                      u"latency_ms"_s,
                                                      u"request"_s,
                                                      u"decision"_s,
                                                      u"method"_s,
                                                      u"path"_s,
                                                      u"idempotency_key"_s,
                                                      u"params"_s}))
                    << Qt::flush;
            status = Ok;
        }
        loop.quit();
    });
    loop.exec();
    return status;
}

QString dateText(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
}

int listSessions(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption statusOption(u"status"_s, u"open, complete or expired."_s, u"S"_s);
    const QCommandLineOption limitOption(u"limit"_s, u"How many sessions at most (default 20)."_s,
                                         u"N"_s, u"20"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print Stripe's objects as JSON."_s);
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    parser.addOptions({statusOption, limitOption, jsonOption, liveOption});
    if (auto stop =
            parseArguments(ctx, parser, u"sessions list"_s,
                           u"[--status open|complete|expired] [--limit N] [--json]"_s, 0, 0))
        return *stop;
    const QString status = parser.value(statusOption);
    if (!status.isEmpty() && status != u"open" && status != u"complete" && status != u"expired")
        return usageError(ctx,
                          u"--status must be open, complete or expired, not \"%1\""_s.arg(status),
                          u"sessions list"_s);
    bool ok = false;
    const int limit = parser.value(limitOption).toInt(&ok);
    if (!ok || limit < 1 || limit > 10000)
        return usageError(ctx, u"--limit must be a number from 1 to 10000"_s, u"sessions list"_s);

    QNetworkAccessManager network;
    auto client = clientFromEnvironment(parser.isSet(liveOption), &network, ctx.clock);
    if (!client)
        return report(ctx, client.error());
    QJsonObject params{{u"limit"_s, std::min(limit, 100)}};
    if (!status.isEmpty())
        params.insert(u"status"_s, status);

    QEventLoop loop;
    int exit = Failed;
    (*client)->listAll(
        u"/v1/checkout/sessions"_s, params, limit, &loop,
        [&](stripe::StripeResult<QJsonArray> sessions) {
            if (!sessions) {
                exit = report(ctx, sessions.error().toError());
            } else if (parser.isSet(jsonOption)) {
                ctx.out << QString::fromUtf8(json::write(QJsonObject{{u"data"_s, *sessions}}))
                        << Qt::flush;
                exit = Ok;
            } else {
                // Rows first, then columns as wide as their widest cell.
                QList<QStringList> rows{{u"ID"_s, u"STATUS"_s, u"CREATED (UTC)"_s, u"SUBTOTAL"_s,
                                         u"DISCOUNT"_s, u"TOTAL"_s, u"CUSTOMER"_s}};
                for (const QJsonValue &v : std::as_const(*sessions)) {
                    const QJsonObject s = v.toObject();
                    const QString currency = json::string(s, u"currency");
                    const auto money = [&](std::optional<qint64> amount) {
                        return amount && !currency.isEmpty() ? currency::format(*amount, currency)
                                                             : u"-"_s;
                    };
                    const QJsonObject details = json::object(s, u"customer_details");
                    QString who = json::string(details, u"email");
                    if (who.isEmpty())
                        who = json::string(s, u"customer_email");
                    if (who.isEmpty())
                        who = s.value(u"customer").isString() ? s.value(u"customer").toString()
                                                              : u"guest"_s;
                    const auto discount =
                        json::integer(json::object(s, u"total_details"), u"amount_discount");
                    rows.append({json::string(s, u"id"), json::string(s, u"status"),
                                 dateText(json::integer(s, u"created").value_or(0)),
                                 money(json::integer(s, u"amount_subtotal")),
                                 discount && *discount > 0 ? money(discount) : u"-"_s,
                                 money(json::integer(s, u"amount_total")), who});
                }
                QList<qsizetype> widths(rows.first().size(), 0);
                for (const QStringList &row : std::as_const(rows))
                    for (qsizetype c = 0; c < row.size(); ++c)
                        widths[c] = std::max(widths[c], row.at(c).size());
                for (const QStringList &row : std::as_const(rows)) {
                    QString line;
                    for (qsizetype c = 0; c < row.size(); ++c) {
                        const bool amount = c >= 3 && c <= 5; // right-aligned
                        const bool last = c == row.size() - 1;
                        line += amount ? row.at(c).rightJustified(widths.at(c))
                                       : (last ? row.at(c) : row.at(c).leftJustified(widths.at(c)));
                        if (!last)
                            line += u"  "_s;
                    }
                    ctx.out << line << Qt::endl;
                }
                ctx.err << sessions->size() << " sessions" << Qt::endl;
                exit = Ok;
            }
            loop.quit();
        });
    loop.exec();
    return exit;
}

} // namespace

int applyCommand(Context &ctx)
{
    return apply(ctx);
}

int sessions(Context &ctx)
{
    const QString sub = ctx.arguments.value(0);
    if (sub != u"list")
        return usageError(ctx,
                          sub.isEmpty()
                              ? u"sessions needs a subcommand: list"_s
                              : u"unknown subcommand \"sessions %1\" (expected list)"_s.arg(sub),
                          QString());
    ctx.arguments = ctx.arguments.mid(1);
    return listSessions(ctx);
}

} // namespace remise::cli

// remise-server apply / sessions list: the commands that talk to Stripe (or the sandbox).

#include "cli.h"
#include "client.h"
#include "clock.h"
#include "interruption.h"
#include "json.h"
#include "money.h"
#include "store.h"
#include "transport.h"
#include "updateworkflow.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

int apply(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption codeOption(u"code"_s, u"Submit this code for the customer."_s, u"C"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s,
                                          u"Print the decision and the request, send nothing."_s);
    const QCommandLineOption clearOption(u"clear"_s,
                                         u"Remove any discount, whatever the rules say."_s);
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    const QCommandLineOption allowEmptyOption(
        u"allow-empty"_s,
        u"With a rule book without campaigns, clear Remise's own discount (refused otherwise)."_s);
    const QCommandLineOption foreignOption(
        u"foreign-discounts"_s,
        u"A discount Remise did not set: keep it (default, or the setting) or replace it."_s,
        u"keep|replace"_s);
    const QCommandLineOption jsonOption(u"json"_s,
                                        u"Print the outcome as JSON (always: it is a document)."_s);
    parser.addOptions({codeOption, dryRunOption, clearOption, liveOption, allowEmptyOption,
                       foreignOption, jsonOption});
    parser.addPositionalArgument(u"SESSION_ID"_s, u"The Checkout Session (cs_test_…)."_s);
    if (auto stop = parseArguments(ctx, parser, u"apply"_s,
                                   u"SESSION_ID [--code C] [--dry-run] [--clear] [--allow-empty] "
                                   u"[--foreign-discounts keep|replace] [--allow-live]"_s,
                                   1, 1))
        return *stop;
    if (parser.isSet(codeOption) && parser.isSet(clearOption))
        return usageError(ctx, u"--code and --clear cannot be combined"_s, u"apply"_s);
    bool replaceForeign = ctx.settings.replaceForeignDiscounts;
    if (parser.isSet(foreignOption)) {
        const QString value = parser.value(foreignOption);
        if (value != u"keep" && value != u"replace")
            return usageError(
                ctx, u"--foreign-discounts must be keep or replace, not \"%1\""_s.arg(value),
                u"apply"_s);
        replaceForeign = value == u"replace";
    }

    // The database first: a missing or outdated one stops here, before any network call.
    auto store = openStore(ctx);
    if (!store)
        return report(ctx, store.error());
    stripe::Transport network;
    auto client = makeClient(ctx, parser.isSet(liveOption), &network);
    if (!client)
        return report(ctx, client.error());
    UpdateWorkflow::Options options;
    options.allowEmptyRules = parser.isSet(allowEmptyOption);
    options.replaceForeignDiscounts = replaceForeign;
    UpdateWorkflow workflow(**client, **store, ctx.clock, options);
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
    // Ctrl-C or SIGTERM: a run that has not sent its update ends at once; an update call in
    // flight gets the Stripe timeout to finish, then is abandoned. Either way the store stays
    // consistent, the run is recorded and the lease is freed (docs/cli.md). A second signal
    // stops at once.
    Interruption interruption;
    QObject::connect(&interruption, &Interruption::interrupted, &loop, [&](int) {
        ctx.err << ctx.program
                << ": interrupted; finishing or abandoning the update cleanly"
                   " (interrupt again to stop at once)"
                << Qt::endl;
        workflow.shutdown(ctx.settings.stripeTimeout, &loop, [] {});
    });
    workflow.run(request, &loop, [&](Result<UpdateOutcome> outcome) {
        if (!outcome) {
            status = report(ctx, outcome.error());
        } else {
            QJsonObject out = outcome->toJson();
            if (request.dryRun)
                out.insert(u"request"_s,
                           QJsonObject{{u"method"_s, u"POST"_s},
                                       {u"path"_s,
                                        QString(u"/v1/checkout/sessions/"_s + request.sessionId)},
                                       {u"idempotency_key"_s, outcome->idempotencyKey},
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
    const QCommandLineOption limitOption(
        u"limit"_s, u"How many sessions at most (default 20, up to 10000: pages through)."_s,
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

    stripe::Transport network;
    auto client = makeClient(ctx, parser.isSet(liveOption), &network);
    if (!client)
        return report(ctx, client.error());
    // One more than asked for, to know whether more exist. Stripe pages hold 100 at most.
    QJsonObject params{{u"limit"_s, std::min(limit + 1, 100)}};
    if (!status.isEmpty())
        params.insert(u"status"_s, status);

    QEventLoop loop;
    int exit = Failed;
    (*client)->listAll(
        u"/v1/checkout/sessions"_s, params, limit + 1, &loop,
        [&](stripe::StripeResult<QJsonArray> sessions) {
            const bool more = sessions && sessions->size() > limit;
            if (more)
                sessions->removeLast();
            if (!sessions) {
                exit = report(ctx, sessions.error().toError());
            } else if (parser.isSet(jsonOption)) {
                ctx.out << QString::fromUtf8(json::write(
                               QJsonObject{{u"data"_s, *sessions}, {u"has_more"_s, more}}))
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
                printTable(ctx, rows, {3, 4, 5});
                if (more)
                    ctx.err << plural(sessions->size(), u"session"_s)
                            << " shown; more exist: raise --limit (up to 10000) or narrow with "
                               "--status"
                            << Qt::endl;
                else
                    ctx.err << plural(sessions->size(), u"session"_s) << Qt::endl;
                exit = Ok;
            }
            loop.quit();
        });
    loop.exec();
    return exit;
}

int getSession(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON (always: it is a document)."_s);
    parser.addOptions({liveOption, jsonOption});
    parser.addPositionalArgument(u"SESSION_ID"_s, u"The Checkout Session (cs_test_…)."_s);
    if (auto stop = parseArguments(ctx, parser, u"sessions get"_s,
                                   u"SESSION_ID [--allow-live]\n\nPrints the session as the API "
                                   u"returns it with its line items and customer expanded: what "
                                   u"simulate --session takes."_s,
                                   1, 1))
        return *stop;
    const QString id = parser.positionalArguments().first();
    static const QRegularExpression shape(u"^cs_(test|live)_[A-Za-z0-9]+$"_s);
    if (!shape.match(id).hasMatch())
        return usageError(ctx, u"\"%1\" is not a Checkout Session id (cs_test_…)"_s.arg(id),
                          u"sessions get"_s);
    stripe::Transport network;
    auto client = makeClient(ctx, parser.isSet(liveOption), &network);
    if (!client)
        return report(ctx, client.error());
    QEventLoop loop;
    int exit = Failed;
    (*client)->get(u"/v1/checkout/sessions/"_s + id,
                   {{u"expand"_s, QJsonArray{u"line_items"_s, u"customer"_s}}}, &loop,
                   [&](stripe::StripeResult<stripe::Response> response) {
                       if (!response) {
                           exit = report(ctx, response.error().toError());
                       } else {
                           ctx.out << QString::fromUtf8(
                                          json::write(response->body, json::Style::Pretty))
                                   << Qt::flush;
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
    ctx.arguments = ctx.arguments.mid(1);
    if (sub == u"list")
        return listSessions(ctx);
    if (sub == u"get")
        return getSession(ctx);
    return usageError(ctx, u"unknown command \"sessions %1\" (expected list or get)"_s.arg(sub),
                      u"sessions"_s);
}

} // namespace remise::cli

// remise-server simulate: the decision for one session, as JSON, without touching the network.

#include "campaignfile.h"
#include "cli.h"
#include "clock.h"
#include "customerfile.h"
#include "engine.h"
#include "json.h"
#include "store.h"

#include <QCommandLineParser>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace remise::cli {

int simulate(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption campaignsOption(u"campaigns"_s, u"The rules, from a remise/1 file."_s,
                                             u"FILE"_s);
    const QCommandLineOption jsonOption(
        u"json"_s, u"Print the decision as JSON (always: it is a document)."_s);
    const QCommandLineOption sessionOption(
        u"session"_s, u"A Checkout Session as the API returns it with expand[]=line_items."_s,
        u"SESSION.json"_s);
    const QCommandLineOption customerOption(u"customer"_s, u"A Remise customer profile (JSON)."_s,
                                            u"CUSTOMER.json"_s);
    const QCommandLineOption codeOption(u"code"_s, u"The code the customer submitted."_s, u"C"_s);
    const QCommandLineOption nowOption(
        u"now"_s, u"Decide as of this time (ISO 8601 with offset)."_s, u"ISO8601"_s);
    parser.addOptions(
        {campaignsOption, jsonOption, sessionOption, customerOption, codeOption, nowOption});
    const QString usage =
        u"--session SESSION.json [--campaigns FILE] [--customer CUSTOMER.json] [--code C] [--now "
        u"ISO8601]\n\n"
        u"The rules come from --campaigns FILE, else from the database (--db, REMISE_DB, the\n"
        u"default). \"-\" reads a file from standard input."_s;
    if (auto stop = parseArguments(ctx, parser, u"simulate"_s, usage, 0, 0))
        return *stop;

    if (parser.isSet(campaignsOption) && !ctx.dbOption.isEmpty())
        return usageError(ctx,
                          u"give the rules with one of --campaigns FILE and --db PATH, not both"_s,
                          u"simulate"_s);
    const QStringList stdinUsers = {parser.value(campaignsOption), parser.value(sessionOption),
                                    parser.value(customerOption)};
    if (stdinUsers.count(u"-"_s) > 1)
        return usageError(ctx, u"only one file can come from standard input (\"-\")"_s,
                          u"simulate"_s);
    if (!parser.isSet(sessionOption))
        return usageError(ctx, u"--session SESSION.json is required"_s, u"simulate"_s);
    const auto now = parseNow(parser.value(nowOption), ctx.clock);
    if (!now)
        return usageError(ctx, now.error().message, u"simulate"_s);

    const QString sessionPath = parser.value(sessionOption);
    const auto sessionBytes = readFile(ctx, sessionPath);
    if (!sessionBytes)
        return report(ctx, sessionBytes.error());
    const auto sessionJson = json::parseObject(*sessionBytes, sessionPath);
    if (!sessionJson)
        return report(ctx, sessionJson.error());
    auto session = SessionSnapshot::fromStripe(*sessionJson);
    if (!session) {
        Error e = session.error();
        e.message = sessionPath + u": "_s + e.message;
        return report(ctx, e);
    }

    std::optional<CustomerProfile> profile;
    if (parser.isSet(customerOption)) {
        const QString customerPath = parser.value(customerOption);
        const auto bytes = readFile(ctx, customerPath);
        if (!bytes)
            return report(ctx, bytes.error());
        const auto object = json::parseObject(*bytes, customerPath);
        if (!object)
            return report(ctx, object.error());
        auto parsed = customerfile::profileFromJson(*object);
        if (!parsed) {
            Error e = parsed.error();
            e.message = customerPath + u": "_s + e.message;
            return report(ctx, e);
        }
        profile = *parsed;
    }

    CampaignSet rules;
    QString revision;
    DecisionInput input;
    input.code = parser.value(codeOption);
    input.nowMs = *now;
    if (parser.isSet(campaignsOption)) {
        const QString path = parser.value(campaignsOption);
        const auto bytes = readFile(ctx, path);
        if (!bytes)
            return report(ctx, bytes.error());
        auto parsed = campaignfile::parse(*bytes, path);
        if (!parsed)
            return report(ctx, parsed.error());
        rules = std::move(*parsed);
        revision =
            u"file:"_s +
            QString::fromLatin1(
                QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex().left(16));
    } else {
        auto store = openStore(ctx);
        if (!store)
            return report(ctx, store.error());
        auto loaded = (*store)->loadRules();
        if (!loaded)
            return report(ctx, loaded.error());
        rules = std::move(*loaded);
        auto rev = (*store)->rulesRevision();
        if (!rev)
            return report(ctx, rev.error());
        revision = *rev;
        if (!profile) {
            const QString email = !session->detailsEmail.isEmpty() ? session->detailsEmail
                                  : session->customer              ? session->customer->email
                                                                   : session->customerEmail;
            auto found = (*store)->findCustomer(session->customerId, email);
            if (!found)
                return report(ctx, found.error());
            profile = *found;
        }
        const CustomerContext context = CustomerContext::build(*session, profile);
        auto used = (*store)->usage(session->id, context.key(), *now);
        if (!used)
            return report(ctx, used.error());
        input.usage = std::move(*used);
    }

    const Engine engine(std::move(rules), revision);
    const CustomerContext customer = CustomerContext::build(*session, profile);
    const Decision decision = engine.decide(*session, customer, input);
    ctx.out << QString::fromUtf8(
                   json::write(decision.toJson(), json::Style::Pretty, Decision::jsonKeyOrder()))
            << Qt::flush;
    return Ok;
}

} // namespace remise::cli

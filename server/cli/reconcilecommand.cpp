// remise-server reconcile: settle the reservations of sessions that completed, expired or lost
// their discount, reading each session from Stripe (docs/cli.md).

#include "cli.h"
#include "client.h"
#include "clock.h"
#include "interruption.h"
#include "json.h"
#include "reconciler.h"
#include "store.h"
#include "transport.h"

#include <QCommandLineParser>
#include <QEventLoop>

using namespace Qt::StringLiterals;

namespace remise::cli {

int reconcile(Context &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption dryRunOption(
        u"dry-run"_s, u"Say what would be committed or released; change nothing."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print the report as JSON."_s);
    const QCommandLineOption liveOption(u"allow-live"_s, u"Allow a live-mode key."_s);
    parser.addOptions({dryRunOption, jsonOption, liveOption});
    if (auto stop = parseArguments(ctx, parser, u"reconcile"_s,
                                   u"[--dry-run] [--json] [--allow-live]"_s, 0, 0))
        return *stop;
    auto store = openStore(ctx);
    if (!store)
        return report(ctx, store.error());
    stripe::Transport network;
    auto client = makeClient(ctx, parser.isSet(liveOption), &network);
    if (!client)
        return report(ctx, client.error());

    Reconciler reconciler(**client, **store, ctx.clock);
    const bool dryRun = parser.isSet(dryRunOption);
    QEventLoop loop;
    int exit = Failed;
    // Ctrl-C or SIGTERM: the session being settled finishes (each step is one store
    // transaction); a second signal stops at once.
    Interruption interruption;
    QObject::connect(&interruption, &Interruption::interrupted, &loop, [&](int) {
        ctx.err << ctx.program << ": interrupted; finishing what is in flight (interrupt again "
                << "to stop at once)" << Qt::endl;
    });
    reconciler.run(dryRun, &loop, [&](Result<ReconcileReport> result) {
        if (!result) {
            exit = report(ctx, result.error());
        } else if (parser.isSet(jsonOption)) {
            QJsonObject object = result->toJson();
            object.insert(u"dry_run"_s, dryRun);
            ctx.out << QString::fromUtf8(json::write(object, json::Style::Pretty)) << Qt::flush;
            exit = result->failed > 0 ? Failed : Ok;
        } else {
            if (!result->items.isEmpty()) {
                QList<QStringList> rows{{u"SESSION"_s, u"ACTION"_s, u"CAMPAIGNS"_s, u"REASON"_s}};
                for (const ReconcileItem &item : result->items)
                    rows.append({item.sessionId,
                                 dryRun && item.action != u"kept" && item.action != u"failed"
                                     ? u"would be "_s + item.action
                                     : item.action,
                                 item.campaigns.join(u","_s), item.reason});
                printTable(ctx, rows);
            }
            ctx.out << (dryRun ? "Would reconcile " : "Reconciled ")
                    << plural(result->items.size(), u"session"_s) << ": " << result->committed
                    << " committed, " << result->released << " released, " << result->kept
                    << " kept, " << result->failed << " failed." << Qt::endl;
            exit = result->failed > 0 ? Failed : Ok;
        }
        loop.quit();
    });
    loop.exec();
    return exit;
}

} // namespace remise::cli

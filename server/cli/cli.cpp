#include "cli.h"

#include "campaignfile.h"
#include "clock.h"
#include "logging.h"
#include "sqlitestore.h"
#include "timestamp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

const char *const helpText = R"(remise-server: server-side dynamic discounts for Stripe Checkout

Usage: remise-server <command> [options]

Commands:
  simulate --campaigns FILE | --db PATH  --session SESSION.json
           [--customer CUSTOMER.json] [--code C] [--now ISO8601]
                                  print the decision for a session as JSON (no network)
  campaigns import FILE           replace the campaigns and segments in the database
  campaigns export [FILE]         write them as a remise/1 file (stdout without FILE)
  campaigns lint FILE [--now ISO8601] [--json]
                                  report conflicting, unreachable or never-satisfiable
                                  campaigns and missing currency values
  customers import FILE           import customer profiles (.csv or JSON)
  apply SESSION_ID [--code C] [--dry-run] [--clear]
                                  run the server-side discount update on one session
  sessions list [--status open|complete|expired] [--limit N] [--json]
                                  list Checkout Sessions
  db migrate                      bring the database schema up to date
  db check                        integrity and foreign-key checks
  db backup PATH                  write an online, consistent copy of the database

Common options:
  --db PATH        the database (default: $REMISE_DB, else %1)
  -v, --verbose    log what happens (Stripe calls, migrations) on stderr
  -h, --help       show help for a command

Environment (apply, sessions):
  REMISE_STRIPE_SECRET_KEY      the secret key (else STRIPE_SECRET_KEY, else the 0600 file
                                named by REMISE_STRIPE_SECRET_KEY_FILE); live keys need --allow-live
  REMISE_STRIPE_API_BASE        default https://api.stripe.com (e.g. a remise-sandbox URL)
  REMISE_STRIPE_API_VERSION     default "2025-03-31.basil; checkout_server_update_beta=v1"
  REMISE_STRIPE_TIMEOUT_MS      the longest a Stripe call may take, retries included (18000)

Exit status: 0 success, 1 the command failed (or lint found problems), 2 wrong usage.
Run 'remise-server <command> --help' for a command's options.
)";

} // namespace

int report(Context &ctx, const Error &error, int status)
{
    // The stable code first, so that scripts can match it: "remise-server: session_not_open: …".
    ctx.err << ctx.program << ": ";
    if (!error.code.isEmpty() && error.code != errc::usage)
        ctx.err << error.code << ": ";
    ctx.err << error.describe() << Qt::endl;
    return status;
}

int usageError(Context &ctx, const QString &message, const QString &command)
{
    ctx.err << ctx.program << ": " << message << Qt::endl
            << "Run '" << ctx.program << (command.isEmpty() ? QString() : u' ' + command)
            << " --help' for usage." << Qt::endl;
    return Usage;
}

std::optional<int> parseArguments(Context &ctx, QCommandLineParser &parser, const QString &command,
                                  const QString &usage, qsizetype minPositional,
                                  qsizetype maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(QStringList{ctx.program} + ctx.arguments))
        return usageError(ctx, parser.errorText(), command);
    if (parser.isSet(help)) {
        ctx.out << "Usage: " << ctx.program << ' ' << command << ' ' << usage << Qt::endl
                << Qt::endl
                << parser.helpText().section(u'\n', 2) << Qt::flush;
        return Ok;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional)
        return usageError(ctx, u"missing argument: %1 %2"_s.arg(command, usage), command);
    if (n > maxPositional)
        return usageError(
            ctx,
            u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().at(maxPositional)),
            command);
    return std::nullopt;
}

QString databasePath(const QString &option)
{
    if (!option.isEmpty())
        return option;
    const QString fromEnv = qEnvironmentVariable("REMISE_DB");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           u"/remise/remise.db"_s;
}

Result<std::unique_ptr<Store>> openStore(Context &ctx, const QString &path)
{
    auto store = SqliteStore::open(path);
    if (!store)
        return fail(store.error());
    const auto before = (*store)->schemaVersion();
    if (!before)
        return fail(before.error());
    if (*before < Store::latestSchemaVersion()) {
        if (auto migrated = (*store)->migrate(); !migrated)
            return fail(migrated.error());
        if (*before > 0)
            ctx.err << ctx.program << ": upgraded the database schema of " << path
                    << " from version " << *before << " to " << Store::latestSchemaVersion()
                    << Qt::endl;
    }
    return std::unique_ptr<Store>(std::move(*store));
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::io, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

Result<qint64> parseNow(const QString &text, const Clock &clock)
{
    if (text.isEmpty())
        return clock.nowMs();
    const auto time = parseIsoTime(text);
    if (!time)
        return fail(
            errc::usage,
            u"--now \"%1\" is not an ISO 8601 time with an offset, such as 2026-11-28T12:00:00+01:00"_s
                .arg(text));
    return time->toMSecsSinceEpoch();
}

int run(QCoreApplication &app, const QStringList &arguments)
{
    Q_UNUSED(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = arguments.mid(1);
    Context ctx{out, err, SystemClock::instance(), {}, u"remise-server"_s};

    if (args.isEmpty()) {
        err << QString::fromUtf8(helpText).arg(databasePath({}));
        return Usage;
    }
    if (args.first() == u"-h" || args.first() == u"--help" || args.first() == u"help") {
        out << QString::fromUtf8(helpText).arg(databasePath({}));
        return Ok;
    }
    if (args.first() == u"--version") {
        out << "remise-server " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    const QString command = args.first();
    ctx.arguments = args.mid(1);
    if (command == u"simulate")
        return simulate(ctx);
    if (command == u"campaigns")
        return campaigns(ctx);
    if (command == u"customers")
        return customers(ctx);
    if (command == u"db")
        return db(ctx);
    if (command == u"apply")
        return applyCommand(ctx);
    if (command == u"sessions")
        return sessions(ctx);
    return usageError(ctx, u"unknown command \"%1\""_s.arg(command), QString());
}

} // namespace remise::cli

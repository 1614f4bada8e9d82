#include "cli.h"

#include "campaignfile.h"
#include "client.h"
#include "clock.h"
#include "errorcodes.h"
#include "logging.h"
#include "sqlitestore.h"
#include "timestamp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace remise::cli {

namespace {

struct Group
{
    QString name;
    QString summary;
    QStringList lines; ///< "import FILE [--replace] …    what it does"
};

const QList<Group> &groups()
{
    static const QList<Group> list{
        {u"campaigns"_s,
         u"the rule book: segments and campaigns"_s,
         {u"import FILE [--replace] [--dry-run] [--json]\n"
          u"                  merge a remise/1 file into the database by id (\"-\": stdin);\n"
          u"                  --replace replaces the whole rule book; --dry-run shows the diff"_s,
          u"export [FILE]     write the rule book as a remise/1 file (stdout without FILE or \"-\")"_s,
          u"lint FILE [--now ISO8601] [--json]\n"
          u"                  report conflicting, unreachable or never-satisfiable campaigns and\n"
          u"                  missing currency values"_s,
          u"usage [--json]    for each limit: the limit, used, held, pending and left"_s}},
        {u"customers"_s,
         u"customer profiles"_s,
         {u"import FILE [--format csv|json] [--replace] [--json]\n"
          u"                  merge profiles from CSV or JSON (\"-\": stdin); a column or field "
          u"the\n"
          u"                  file leaves out keeps its stored value; --replace replaces whole\n"
          u"                  profiles"_s}},
        {u"sessions"_s,
         u"Checkout Sessions on Stripe"_s,
         {u"list [--status open|complete|expired] [--limit N] [--json]\n"
          u"                  list Checkout Sessions, newest first"_s,
          u"get SESSION_ID   print a session as JSON, as simulate --session takes it"_s}},
        {u"db"_s,
         u"the database"_s,
         {u"migrate [--json]  create the database, or bring its schema up to date"_s,
          u"check [--json]    integrity and foreign-key checks"_s,
          u"backup PATH [--json]\n"
          u"                  write an online, consistent copy of the database"_s}},
    };
    return list;
}

const char *const helpText = R"(%1: server-side dynamic discounts for Stripe Checkout

Usage: %1 [--db PATH] [-v] <command> [options]

Commands:
  simulate --session SESSION.json [--campaigns FILE] [--customer CUSTOMER.json]
           [--code C] [--now ISO8601]
                    print the decision for a session as JSON (no network); the rules come
                    from --campaigns FILE, else from the database
  apply SESSION_ID [--code C] [--dry-run] [--clear] [--allow-empty]
           [--foreign-discounts keep|replace] [--allow-live]
                    run the server-side discount update on one session
  reconcile [--dry-run] [--json]
                    settle the reservations of sessions that completed, expired or lost
                    their discount
  serve [--config FILE] [--listen ADDR] [--rate-limit N] [--allow-live] [--migrate]
                    run the HTTP service the storefront and Stripe's webhooks call
                    (docs/operations.md)
  campaigns import|export|lint|usage
  customers import
  sessions list|get
  db migrate|check|backup

Global options (before or after the command):
  --db PATH         the database (default: $REMISE_DB, else %2)
  -v, --verbose     log what happens (Stripe calls, migrations) on stderr
  -h, --help        help for a command or a group ('%1 campaigns --help')
  --version         print the version

"-" stands for standard input or output wherever a file is named. Commands that print
results take --json. Configuration and environment variables: docs/cli.md.

Exit status: 0 success, 1 the command failed (or lint found problems), 2 wrong usage.
)";

void applyVerbosity(const Context &ctx)
{
    // A command line says what it did on stdout; progress lines are for --verbose (or
    // QT_LOGGING_RULES, which still wins). Errors are returned and reported once by the
    // command, so the modules' own warnings about them are for --verbose too.
    QLoggingCategory::setFilterRules(ctx.verbose
                                         ? QString()
                                         : u"remise.*.info=false\nremise.store.warning=false\n"
                                           u"remise.stripe.warning=false"_s);
}

int groupHelp(Context &ctx, const Group &group, bool toOut)
{
    QTextStream &stream = toOut ? ctx.out : ctx.err;
    stream << "Usage: " << ctx.program << ' ' << group.name << " <command> [options]" << Qt::endl
           << Qt::endl
           << group.name << ": " << group.summary << Qt::endl
           << Qt::endl
           << "Commands:" << Qt::endl;
    for (const QString &line : group.lines)
        stream << "  " << line << Qt::endl;
    stream << Qt::endl
           << "Run '" << ctx.program << ' ' << group.name << " <command> --help' for details."
           << Qt::endl;
    return toOut ? Ok : Usage;
}

bool isHelp(const QString &arg)
{
    return arg == u"-h" || arg == u"--help" || arg == u"help";
}

} // namespace

int exitStatusFor(const Error &error)
{
    // The one table of error codes (docs/errors.md).
    return remise::exitStatusFor(error.code);
}

QString colour(const Context &ctx, bool onOut, Colour c, const QString &text)
{
    const bool terminal = onOut ? ctx.outIsTerminal : ctx.errIsTerminal;
    if (!terminal || ctx.environment.contains(u"NO_COLOR"_s) ||
        ctx.environment.value(u"TERM"_s) == u"dumb")
        return text;
    const char *code = c == Colour::Red      ? "31"
                       : c == Colour::Yellow ? "33"
                       : c == Colour::Green  ? "32"
                                             : "1";
    return u"\x1b["_s + QLatin1StringView(code) + u'm' + text + u"\x1b[0m"_s;
}

int report(Context &ctx, const Error &error)
{
    // The stable code first, so that scripts can match it: "remise-server: session_not_open: …".
    ctx.err << ctx.program << ": ";
    if (!error.code.isEmpty() && error.code != remise::errc::usage)
        ctx.err << colour(ctx, false, Colour::Red, error.code) << ": ";
    ctx.err << error.describe() << Qt::endl;
    return exitStatusFor(error);
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
    const QCommandLineOption dbOption(u"db"_s, u"The database (global option)."_s, u"PATH"_s);
    const QCommandLineOption verbose({u"v"_s, u"verbose"_s},
                                     u"Log what happens on stderr (global option)."_s);
    parser.addOptions({help, dbOption, verbose});
    if (!parser.parse(QStringList{ctx.program} + ctx.arguments))
        return usageError(ctx, parser.errorText(), command);
    if (parser.isSet(help)) {
        ctx.out << "Usage: " << ctx.program << ' ' << command << ' ' << usage << Qt::endl
                << Qt::endl
                << parser.helpText().section(u'\n', 2) << Qt::flush;
        return Ok;
    }
    if (parser.isSet(dbOption))
        ctx.dbOption = parser.value(dbOption);
    if (parser.isSet(verbose) && !ctx.verbose) {
        ctx.verbose = true;
        applyVerbosity(ctx);
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

QString databasePath(const Context &ctx)
{
    return ctx.dbOption.isEmpty() ? ctx.settings.databasePath : ctx.dbOption;
}

Result<std::unique_ptr<Store>> openStore(Context &ctx, OpenMode mode)
{
    const QString path = databasePath(ctx);
    if (path.isEmpty())
        return fail(remise::errc::usage, u"--db needs a path"_s);
    const QString from = !ctx.dbOption.isEmpty()                     ? u"--db"_s
                         : ctx.settings.databaseSource == u"default" ? u"the default"_s
                                                                     : ctx.settings.databaseSource;
    const bool existed = QFileInfo::exists(path);
    if (!existed && mode == OpenMode::Existing)
        return fail(errc::noDatabase,
                    u"there is no database at %1 (from %2); create one with \"%3 db migrate "
                    u"--db %1\", or by importing campaigns, or give another with --db or "
                    u"REMISE_DB"_s.arg(path, from, ctx.program));
    auto opened = SqliteStore::open(path);
    if (!opened)
        return fail(opened.error());
    std::unique_ptr<Store> store(std::move(*opened));
    const auto version = store->schemaVersion();
    if (!version)
        return fail(version.error());
    const int latest = Store::latestSchemaVersion();
    if (*version < latest) {
        // A file this very command created is brought to the current schema; an existing one
        // never is (an older service may still be using it): that is `db migrate`'s job.
        if (existed)
            return fail(remise::errc::schemaOutdated,
                        u"the database %1 has schema version %2 and this %3 needs version %4; "
                        u"upgrade it with \"%3 db migrate --db %1\" (after stopping or upgrading "
                        u"the other Remise programs using it)"_s.arg(path)
                            .arg(*version)
                            .arg(ctx.program)
                            .arg(latest));
        if (auto migrated = store->migrate(); !migrated)
            return fail(migrated.error());
        ctx.err << ctx.program << ": created the database " << path << Qt::endl;
    }
    return store;
}

Result<QByteArray> readFile(Context &ctx, const QString &path)
{
    if (path == u"-") {
        QByteArray bytes = ctx.in.readAll();
        return bytes;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(remise::errc::io, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

Status writeFile(Context &ctx, const QString &path, const QByteArray &bytes)
{
    if (path == u"-") {
        ctx.out << QString::fromUtf8(bytes) << Qt::flush;
        return {};
    }
    // QSaveFile: the file is replaced whole or not at all.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(remise::errc::io, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<qint64> parseNow(const QString &text, const Clock &clock)
{
    if (text.isEmpty())
        return clock.nowMs();
    const auto time = parseIsoTime(text);
    if (!time)
        return fail(
            remise::errc::usage,
            u"--now \"%1\" is not an ISO 8601 time with an offset, such as 2026-11-28T12:00:00+01:00"_s
                .arg(text));
    return time->toMSecsSinceEpoch();
}

Result<std::unique_ptr<stripe::Client>> makeClient(Context &ctx, bool allowLive,
                                                   stripe::Transport *network)
{
    auto key = ctx.settings.apiKey();
    if (!key)
        return fail(key.error());
    stripe::Config config;
    config.allowLive = allowLive || ctx.settings.allowLive;
    config.apiBase = ctx.settings.apiBase;
    config.apiVersion = ctx.settings.apiVersion;
    config.totalTimeout = ctx.settings.stripeTimeout;
    config.attemptTimeout = ctx.settings.attemptTimeout;
    return stripe::Client::create(*key, config, network, ctx.clock, EventLoopScheduler::instance());
}

QString plural(qint64 n, const QString &singular, const QString &pluralForm)
{
    return QString::number(n) + u' ' +
           (n == 1                 ? singular
            : pluralForm.isEmpty() ? singular + u's'
                                   : pluralForm);
}

void printTable(Context &ctx, const QList<QStringList> &rows, const QList<qsizetype> &rightAligned)
{
    if (rows.isEmpty())
        return;
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c) {
            const bool last = c == row.size() - 1;
            line += rightAligned.contains(c)
                        ? row.at(c).rightJustified(widths.at(c))
                        : (last ? row.at(c) : row.at(c).leftJustified(widths.at(c)));
            if (!last)
                line += u"  "_s;
        }
        ctx.out << line << Qt::endl;
    }
}

int run(Context &ctx, const QStringList &arguments)
{
    applyVerbosity(ctx);
    const QString topHelp =
        QString::fromUtf8(helpText).arg(ctx.program, Settings::defaultDatabasePath());

    // Global options before the command.
    qsizetype i = 0;
    for (; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (!arg.startsWith(u'-') || arg == u"-")
            break;
        if (arg == u"--db" || arg == u"-db") {
            if (i + 1 >= arguments.size())
                return usageError(ctx, u"--db needs a path"_s, QString());
            ctx.dbOption = arguments.at(++i);
        } else if (arg.startsWith(u"--db="_s)) {
            ctx.dbOption = arg.mid(5);
        } else if (arg == u"-v" || arg == u"--verbose") {
            ctx.verbose = true;
            applyVerbosity(ctx);
        } else if (arg == u"-h" || arg == u"--help") {
            ctx.out << topHelp << Qt::flush;
            return Ok;
        } else if (arg == u"--version") {
            ctx.out << ctx.program << ' ' << QCoreApplication::applicationVersion() << Qt::endl;
            return Ok;
        } else {
            return usageError(ctx, u"unknown option \"%1\""_s.arg(arg), QString());
        }
    }
    if (i >= arguments.size()) {
        ctx.err << topHelp << Qt::flush;
        return Usage;
    }
    const QString command = arguments.at(i);
    ctx.arguments = arguments.mid(i + 1);
    if (command == u"help") {
        const QString topic = ctx.arguments.value(0);
        for (const Group &group : groups())
            if (group.name == topic)
                return groupHelp(ctx, group, true);
        if (!topic.isEmpty() && topic != u"help") {
            ctx.arguments = {u"--help"_s};
        } else {
            ctx.out << topHelp << Qt::flush;
            return Ok;
        }
    } else if (command == u"--version" || command == u"version") {
        ctx.out << ctx.program << ' ' << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    const QString name = command == u"help" ? arguments.value(i + 1) : command;

    // A group without a subcommand, or with --help: the group's help.
    for (const Group &group : groups()) {
        if (group.name != name)
            continue;
        const QString sub = ctx.arguments.value(0);
        if (isHelp(sub))
            return groupHelp(ctx, group, true);
        if (sub.isEmpty()) {
            ctx.err << ctx.program << ": " << name << " needs a command" << Qt::endl;
            return groupHelp(ctx, group, false);
        }
        ctx.command = name + u' ' + sub;
    }
    if (ctx.command.isEmpty())
        ctx.command = name;

    // Configuration is read once, here, for every command.
    auto settings = Settings::load(ctx.environment);
    if (!settings)
        return report(ctx, settings.error());
    ctx.settings = std::move(*settings);
    qCInfo(lcCli).noquote() << u"settings:\n"_s + ctx.settings.describe().trimmed();

    if (name == u"simulate")
        return simulate(ctx);
    if (name == u"campaigns")
        return campaigns(ctx);
    if (name == u"customers")
        return customers(ctx);
    if (name == u"db")
        return db(ctx);
    if (name == u"apply")
        return applyCommand(ctx);
    if (name == u"sessions")
        return sessions(ctx);
    if (name == u"reconcile")
        return reconcile(ctx);
    if (name == u"serve")
        return serve(ctx);
    return usageError(ctx, u"unknown command \"%1\""_s.arg(name), QString());
}

int run(QCoreApplication &app, const QStringList &arguments)
{
    Q_UNUSED(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        qCWarning(lcCli) << "cannot read standard input";
    Context ctx{out, err, in, SystemClock::instance(), QProcessEnvironment::systemEnvironment()};
    ctx.outIsTerminal = isatty(STDOUT_FILENO) == 1;
    ctx.errIsTerminal = isatty(STDERR_FILENO) == 1;
    return run(ctx, arguments.mid(1));
}

} // namespace remise::cli

#include "serviceconfig.h"

#include <QFile>
#include <QStandardPaths>

#include <functional>

using namespace Qt::StringLiterals;

namespace remise::api {

namespace {

const QString invalidSetting = u"invalid_setting"_s;

Error bad(const QString &where, const QString &message)
{
    return Error{invalidSetting, message, where, {}};
}

Result<double> number(const QString &where, const QString &text, double min, double max)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !(value >= min && value <= max))
        return std::unexpected(
            bad(where, u"\"%1\" is not a number from %2 to %3"_s.arg(text).arg(min).arg(max)));
    return value;
}

Result<std::chrono::milliseconds> millis(const QString &where, const QString &text, qint64 min,
                                         qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::unexpected(bad(
            where,
            u"\"%1\" is not a number of milliseconds from %2 to %3"_s.arg(text).arg(min).arg(max)));
    return std::chrono::milliseconds(value);
}

Result<bool> boolean(const QString &where, const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"true" || t == u"yes" || t == u"on" || t == u"1")
        return true;
    if (t == u"false" || t == u"no" || t == u"off" || t == u"0")
        return false;
    return std::unexpected(bad(where, u"\"%1\" is not true or false"_s.arg(text)));
}

Result<QStringList> origins(const QString &where, const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString origin = part.trimmed();
        if (origin.isEmpty())
            continue;
        const QUrl url(origin, QUrl::StrictMode);
        // An origin is scheme://host[:port], nothing more.
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            url.host().isEmpty() || !url.path().isEmpty() || url.hasQuery() || url.hasFragment() ||
            !url.userInfo().isEmpty())
            return std::unexpected(
                bad(where, u"\"%1\" is not an origin such as https://shop.example"_s.arg(origin)));
        out.append(origin);
    }
    return out;
}

struct Entry
{
    const char16_t *fileKey;
    const char16_t *envName;
    std::function<Status(ServiceConfig &, const QString &where, const QString &value)> apply;
};

template<class T>
Status assign(T &target, Result<T> value)
{
    if (!value)
        return std::unexpected(value.error());
    target = *value;
    return {};
}

const QList<Entry> &entries()
{
    static const QList<Entry> table{
        {u"listen", u"REMISE_LISTEN",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto parsed = ServiceConfig::parseListen(v);
             if (!parsed)
                 return std::unexpected(bad(w, parsed.error().message));
             c.address = parsed->first;
             c.port = parsed->second;
             return {};
         }},
        {u"database", u"REMISE_DB",
         [](ServiceConfig &c, const QString &, const QString &v) -> Status {
             c.databasePath = v.trimmed();
             return {};
         }},
        {u"allowed_origins", u"REMISE_ALLOWED_ORIGINS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.allowedOrigins, origins(w, v));
         }},
        {u"rate_limit", u"REMISE_RATE_LIMIT",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.rateLimit, number(w, v, 0, 100000));
         }},
        {u"rate_burst", u"REMISE_RATE_BURST",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.rateBurst, number(w, v, 1, 100000));
         }},
        {u"session_rate_limit", u"REMISE_SESSION_RATE_LIMIT",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.sessionRateLimit, number(w, v, 0, 100000));
         }},
        {u"session_burst", u"REMISE_SESSION_BURST",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.sessionBurst, number(w, v, 1, 100000));
         }},
        {u"trust_proxy", u"REMISE_TRUST_PROXY",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.trustProxy, boolean(w, v));
         }},
        {u"request_timeout_ms", u"REMISE_REQUEST_TIMEOUT_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.requestTimeout, millis(w, v, 100, 600'000));
         }},
        {u"idle_timeout_ms", u"REMISE_IDLE_TIMEOUT_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.idleTimeout, millis(w, v, 1000, 3'600'000));
         }},
        {u"max_connections", u"REMISE_MAX_CONNECTIONS",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto n = number(w, v, 1, 65535);
             if (!n)
                 return std::unexpected(n.error());
             c.maxConnections = int(*n);
             return {};
         }},
        {u"reconcile_interval_ms", u"REMISE_RECONCILE_INTERVAL_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto ms = millis(w, v, 0, 86'400'000);
             if (!ms)
                 return std::unexpected(ms.error());
             if (ms->count() != 0 && ms->count() < 1000)
                 return std::unexpected(bad(w, u"must be 0 (off) or at least 1000"_s));
             c.reconcileInterval = *ms;
             return {};
         }},
        {u"rules_poll_interval_ms", u"REMISE_RULES_POLL_INTERVAL_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.rulesPollInterval, millis(w, v, 50, 1000));
         }},
        {u"webhook_tolerance_s", u"REMISE_WEBHOOK_TOLERANCE_S",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             auto n = number(w, v, 1, 3600);
             if (!n)
                 return std::unexpected(n.error());
             c.webhookToleranceSeconds = qint64(*n);
             return {};
         }},
        {u"shutdown_grace_ms", u"REMISE_SHUTDOWN_GRACE_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.shutdownGrace, millis(w, v, 0, 600'000));
         }},
        {u"api_base", u"REMISE_STRIPE_API_BASE",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             const QUrl url(v.trimmed(), QUrl::StrictMode);
             if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
                 url.host().isEmpty())
                 return std::unexpected(bad(w, u"\"%1\" is not an http(s) URL"_s.arg(v)));
             c.apiBase = url;
             return {};
         }},
        {u"api_version", u"REMISE_STRIPE_API_VERSION",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             if (v.trimmed().isEmpty() || v.contains(u'\n') || v.contains(u'\r'))
                 return std::unexpected(bad(w, u"must be a Stripe-Version value"_s));
             c.apiVersion = v.trimmed();
             return {};
         }},
        {u"stripe_timeout_ms", u"REMISE_STRIPE_TIMEOUT_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.stripeTimeout, millis(w, v, 100, 120'000));
         }},
        {u"attempt_timeout_ms", u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.attemptTimeout, millis(w, v, 100, 120'000));
         }},
        {u"allow_live", u"REMISE_ALLOW_LIVE",
         [](ServiceConfig &c, const QString &w, const QString &v) {
             return assign(c.allowLive, boolean(w, v));
         }},
        {u"log_format", u"REMISE_LOG_FORMAT",
         [](ServiceConfig &c, const QString &w, const QString &v) -> Status {
             const QString t = v.trimmed().toLower();
             if (t != u"json" && t != u"text")
                 return std::unexpected(bad(w, u"must be json or text"_s));
             c.jsonLogs = t == u"json";
             return {};
         }},
    };
    return table;
}

Status readFile(ServiceConfig &config, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(invalidSetting,
                    u"cannot read the config file %1: %2"_s.arg(path, file.errorString()), path);
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';') ||
            line.startsWith(u'['))
            continue;
        const qsizetype eq = line.indexOf(u'=');
        const QString where = u"%1:%2"_s.arg(path).arg(lineNo);
        if (eq <= 0)
            return std::unexpected(bad(where, u"expected \"name = value\""_s));
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        if (key.contains(u"secret"_s) || key == u"key" || key == u"api_key")
            return std::unexpected(
                bad(where,
                    u"secrets never go in the config file: use the environment "
                    u"(REMISE_STRIPE_SECRET_KEY, REMISE_STRIPE_WEBHOOK_SECRET) or a key file"_s));
        const auto entry = std::find_if(entries().begin(), entries().end(),
                                        [&](const Entry &e) { return key == e.fileKey; });
        if (entry == entries().end())
            return std::unexpected(bad(where, u"unknown setting \"%1\""_s.arg(key)));
        if (auto applied = entry->apply(config, where + u" ("_s + key + u')', value); !applied)
            return applied;
    }
    return {};
}

} // namespace

Result<std::pair<QHostAddress, quint16>> ServiceConfig::parseListen(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype colon = t.lastIndexOf(u':');
    if (colon <= 0)
        return fail(invalidSetting, u"\"%1\" is not host:port (e.g. 127.0.0.1:4242)"_s.arg(text));
    QString host = t.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = t.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(invalidSetting, u"\"%1\": the port must be 0 to 65535"_s.arg(text));
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return fail(invalidSetting,
                    u"\"%1\": the host must be an IP address (or localhost)"_s.arg(text));
    return std::pair{address, quint16(port)};
}

Result<ServiceConfig> ServiceConfig::load(const QProcessEnvironment &env,
                                          const Overrides &overrides)
{
    ServiceConfig config;
    if (!overrides.configFile.isEmpty())
        if (auto read = readFile(config, overrides.configFile); !read)
            return std::unexpected(read.error());
    for (const Entry &e : entries()) {
        const QString name = QString::fromUtf16(e.envName);
        if (!env.contains(name) || env.value(name).isEmpty())
            continue;
        if (auto applied = e.apply(config, name, env.value(name)); !applied)
            return std::unexpected(applied.error());
    }
    if (!overrides.listen.isEmpty())
        if (auto applied = entries().at(0).apply(config, u"--listen"_s, overrides.listen); !applied)
            return std::unexpected(applied.error());
    if (!overrides.databasePath.isEmpty())
        config.databasePath = overrides.databasePath;
    if (overrides.rateLimit)
        config.rateLimit = *overrides.rateLimit;
    config.allowLive = config.allowLive || overrides.allowLive;
    config.migrate = overrides.migrate;
    if (config.databasePath.isEmpty())
        config.databasePath =
            QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
            u"/remise/remise.db"_s;
    config.attemptTimeout = std::min(config.attemptTimeout, config.stripeTimeout);

    // Webhook secrets: the current one, then the previous one during a rotation. Either
    // variable may also hold a comma-separated list.
    for (const QString &name :
         {u"REMISE_STRIPE_WEBHOOK_SECRET"_s, u"REMISE_STRIPE_WEBHOOK_SECRET_PREVIOUS"_s}) {
        for (const QString &part : env.value(name).split(u',', Qt::SkipEmptyParts)) {
            const QString secret = part.trimmed();
            if (secret.isEmpty())
                continue;
            if (!secret.startsWith(u"whsec_"_s) || secret.size() < 12)
                return fail(invalidSetting,
                            u"%1: a webhook signing secret starts with whsec_"_s.arg(name), name);
            config.webhookSecrets.append(secret.toUtf8());
        }
    }

    auto key = loadApiKey(env);
    if (!key)
        return std::unexpected(key.error());
    if (key->isLive() && !config.allowLive)
        return fail(u"live_key_refused"_s,
                    u"the Stripe key %1 is a live key; start with --allow-live (or allow_live = "
                    u"true) to use it"_s.arg(key->redacted()));
    config.key = *key;
    return config;
}

QString ServiceConfig::describe() const
{
    const auto ms = [](std::chrono::milliseconds d) {
        return QString::number(d.count());
    };
    QStringList lines{
        u"listen = %1:%2"_s.arg(address.toString()).arg(port),
        u"database = %1"_s.arg(databasePath),
        u"allowed_origins = %1"_s.arg(allowedOrigins.join(u',')),
        u"rate_limit = %1 (burst %2)"_s.arg(rateLimit).arg(rateBurst),
        u"session_rate_limit = %1 (burst %2)"_s.arg(sessionRateLimit).arg(sessionBurst),
        u"trust_proxy = %1"_s.arg(trustProxy ? u"true"_s : u"false"_s),
        u"request_timeout_ms = %1"_s.arg(ms(requestTimeout)),
        u"reconcile_interval_ms = %1"_s.arg(ms(reconcileInterval)),
        u"webhook_secrets = %1 configured"_s.arg(webhookSecrets.size()),
        u"api_base = %1"_s.arg(apiBase.toString()),
        u"stripe_key = %1"_s.arg(key ? key->redacted() : u"(none)"_s),
        u"allow_live = %1"_s.arg(allowLive ? u"true"_s : u"false"_s),
    };
    return lines.join(u'\n');
}

} // namespace remise::api

#include "settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace remise {

namespace {

/// One raw value and where it came from: an environment variable's name, or "FILE:LINE".
struct Raw
{
    QString value;
    QString source;
    bool fromFile = false;
};

/// The settings the config file may hold, with the environment variable that overrides each.
struct Known
{
    QString key;
    QString variable;
};

const QList<Known> &knownSettings()
{
    static const QList<Known> known{
        {u"stripe_secret_key_file"_s, u"REMISE_STRIPE_SECRET_KEY_FILE"_s},
        {u"stripe_api_base"_s, u"REMISE_STRIPE_API_BASE"_s},
        {u"stripe_api_version"_s, u"REMISE_STRIPE_API_VERSION"_s},
        {u"stripe_timeout_ms"_s, u"REMISE_STRIPE_TIMEOUT_MS"_s},
        {u"stripe_attempt_timeout_ms"_s, u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS"_s},
        {u"stripe_webhook_secret_file"_s, u"REMISE_STRIPE_WEBHOOK_SECRET_FILE"_s},
        {u"database"_s, u"REMISE_DB"_s},
        {u"allow_live"_s, u"REMISE_ALLOW_LIVE"_s},
        {u"foreign_discounts"_s, u"REMISE_FOREIGN_DISCOUNTS"_s},
        {u"listen"_s, u"REMISE_LISTEN"_s},
        {u"allowed_origins"_s, u"REMISE_ALLOWED_ORIGINS"_s},
        {u"rate_limit"_s, u"REMISE_RATE_LIMIT"_s},
    };
    return known;
}

std::unexpected<Error> invalid(const Raw &raw, const QString &message)
{
    return fail(errc::invalidSetting, message, raw.source);
}

/// `key = value` lines; `#` or `;` starts a comment line; values may be "quoted".
Result<QHash<QString, Raw>> readConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(errc::invalidSetting,
                    u"cannot read the config file %1: %2"_s.arg(path, file.errorString()), path);
    QHash<QString, Raw> values;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        const QString where = u"%1:%2"_s.arg(path).arg(i + 1);
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            return fail(errc::invalidSetting,
                        u"expected \"name = value\" (see docs/cli.md, Configuration)"_s, where);
        const QString key = line.left(equals).trimmed().toLower();
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        if (key.contains(u"secret"_s) && !key.endsWith(u"_file"_s))
            return fail(errc::invalidSetting,
                        u"secrets are never read from the config file: name a file only the "
                        u"service user can read (stripe_secret_key_file, "
                        u"stripe_webhook_secret_file) or use the environment"_s,
                        where);
        const bool known = std::any_of(knownSettings().begin(), knownSettings().end(),
                                       [&key](const Known &k) { return k.key == key; });
        if (!known) {
            QStringList names;
            for (const Known &k : knownSettings())
                names.append(k.key);
            return fail(
                errc::invalidSetting,
                u"unknown setting \"%1\"; expected one of %2"_s.arg(key, names.join(u", "_s)),
                where);
        }
        if (values.contains(key))
            return fail(errc::invalidSetting,
                        u"\"%1\" is set twice (first on %2)"_s.arg(key, values.value(key).source),
                        where);
        values.insert(key, Raw{value, where, true});
    }
    return values;
}

Result<std::chrono::milliseconds> milliseconds(const Raw &raw)
{
    bool ok = false;
    const qint64 ms = raw.value.toLongLong(&ok);
    if (!ok || ms < 100 || ms > 600'000)
        return invalid(
            raw,
            u"must be a number of milliseconds from 100 to 600000, not \"%1\""_s.arg(raw.value));
    return std::chrono::milliseconds(ms);
}

Result<bool> boolean(const Raw &raw)
{
    const QString v = raw.value.toLower();
    if (v == u"true" || v == u"yes" || v == u"on" || v == u"1")
        return true;
    if (v == u"false" || v == u"no" || v == u"off" || v == u"0")
        return false;
    return invalid(raw, u"must be true or false, not \"%1\""_s.arg(raw.value));
}

/// A file holding secrets must not be readable or writable by group or others.
Result<QByteArray> readPrivateFile(const Raw &raw, const QString &what)
{
    QFile file(raw.value);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(
            raw, u"cannot read the %1 file %2: %3"_s.arg(what, raw.value, file.errorString()));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteGroup | QFileDevice::WriteOther))
        return invalid(raw, u"the %1 file %2 can be read or changed by other users; restrict it "
                            u"with: chmod 600 %2"_s.arg(what, raw.value));
    return file.readAll();
}

} // namespace

QString Settings::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           u"/remise/remise.db"_s;
}

Result<Settings> Settings::load(const QProcessEnvironment &env, const QString &configFile)
{
    QHash<QString, Raw> file;
    if (!configFile.isEmpty()) {
        auto read = readConfigFile(configFile);
        if (!read)
            return fail(read.error());
        file = std::move(*read);
    }
    // The environment wins over the file.
    const auto value = [&](const QString &key) -> std::optional<Raw> {
        for (const Known &k : knownSettings()) {
            if (k.key != key)
                continue;
            const QString fromEnv = env.value(k.variable).trimmed();
            if (!fromEnv.isEmpty())
                return Raw{fromEnv, k.variable, false};
        }
        if (file.contains(key))
            return file.value(key);
        return std::nullopt;
    };
    // Relative paths in the config file are relative to the file.
    const auto path = [&configFile](const Raw &raw) {
        if (!raw.fromFile || QDir::isAbsolutePath(raw.value))
            return raw.value;
        return QFileInfo(configFile).absoluteDir().filePath(raw.value);
    };

    Settings s;
    s.configFile = configFile;

    // The secret key: REMISE_STRIPE_SECRET_KEY, STRIPE_SECRET_KEY, else a key file.
    {
        QProcessEnvironment keyEnv;
        for (const QString &name : {u"REMISE_STRIPE_SECRET_KEY"_s, u"STRIPE_SECRET_KEY"_s}) {
            if (s.keySource.isEmpty() && !env.value(name).trimmed().isEmpty()) {
                keyEnv.insert(name, env.value(name));
                s.keySource = name;
            }
        }
        if (s.keySource.isEmpty()) {
            if (const auto keyFile = value(u"stripe_secret_key_file"_s)) {
                keyEnv.insert(u"REMISE_STRIPE_SECRET_KEY_FILE"_s, path(*keyFile));
                s.keySource = u"file:"_s + path(*keyFile);
            }
        }
        auto key = loadApiKey(keyEnv);
        if (key)
            s.secretKey = key->reveal();
        else
            s.keyError = key.error();
    }

    if (const auto raw = value(u"stripe_api_base"_s)) {
        const QUrl url(raw->value, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
            url.host().isEmpty() || url.hasQuery() || url.hasFragment())
            return invalid(
                *raw,
                u"\"%1\" is not an http(s) URL such as https://api.stripe.com"_s.arg(raw->value));
        s.apiBase = url;
    }
    if (const auto raw = value(u"stripe_api_version"_s)) {
        const bool control = std::any_of(raw->value.begin(), raw->value.end(),
                                         [](QChar c) { return c.unicode() < 0x20; });
        if (control)
            return invalid(*raw, u"must be a Stripe-Version value on one line"_s);
        s.apiVersion = raw->value;
    }
    if (const auto raw = value(u"stripe_timeout_ms"_s)) {
        auto ms = milliseconds(*raw);
        if (!ms)
            return fail(ms.error());
        s.stripeTimeout = *ms;
    }
    if (const auto raw = value(u"stripe_attempt_timeout_ms"_s)) {
        auto ms = milliseconds(*raw);
        if (!ms)
            return fail(ms.error());
        s.attemptTimeout = *ms;
    }
    // One attempt never outlasts the whole call.
    s.attemptTimeout = std::min(s.attemptTimeout, s.stripeTimeout);

    if (const auto raw = value(u"database"_s)) {
        s.databasePath = path(*raw);
        s.databaseSource = raw->fromFile ? u"config:"_s + raw->source : raw->source;
    } else {
        s.databasePath = defaultDatabasePath();
        s.databaseSource = u"default"_s;
    }

    if (const auto raw = value(u"allow_live"_s)) {
        auto on = boolean(*raw);
        if (!on)
            return fail(on.error());
        s.allowLive = *on;
    }
    if (const auto raw = value(u"foreign_discounts"_s)) {
        if (raw->value == u"replace")
            s.replaceForeignDiscounts = true;
        else if (raw->value == u"keep")
            s.replaceForeignDiscounts = false;
        else
            return invalid(*raw, u"must be keep or replace, not \"%1\""_s.arg(raw->value));
    }

    if (const auto raw = value(u"listen"_s)) {
        const qsizetype colon = raw->value.lastIndexOf(u':');
        bool ok = false;
        const int port = colon > 0 ? raw->value.mid(colon + 1).toInt(&ok) : -1;
        if (colon <= 0 || !ok || port < 0 || port > 65535)
            return invalid(
                *raw, u"must be ADDRESS:PORT such as 127.0.0.1:4242, not \"%1\""_s.arg(raw->value));
        s.listen = raw->value;
    }
    if (const auto raw = value(u"allowed_origins"_s)) {
        for (const QString &part : raw->value.split(u',', Qt::SkipEmptyParts)) {
            const QString origin = part.trimmed();
            if (origin.isEmpty())
                continue;
            const QUrl url(origin, QUrl::StrictMode);
            const bool bare = url.path().isEmpty() || url.path() == u"/";
            if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") ||
                url.host().isEmpty() || !bare || url.hasQuery() || url.hasFragment())
                return invalid(*raw, u"\"%1\" is not an origin such as https://shop.example "
                                     u"(scheme, host and port only; no wildcard)"_s.arg(origin));
            s.allowedOrigins.append(url.adjusted(QUrl::RemovePath).toString());
        }
    }
    if (const auto raw = value(u"rate_limit"_s)) {
        bool ok = false;
        const int n = raw->value.toInt(&ok);
        if (!ok || n < 0 || n > 1'000'000)
            return invalid(*raw,
                           u"must be a number of requests per second from 0 (off) to 1000000, "
                           u"not \"%1\""_s.arg(raw->value));
        s.rateLimit = n;
    }

    // Webhook secrets: REMISE_STRIPE_WEBHOOK_SECRET (comma-separated, the current one first),
    // else a file with one per line.
    const QString webhookEnv = env.value(u"REMISE_STRIPE_WEBHOOK_SECRET"_s).trimmed();
    Raw webhookRaw{webhookEnv, u"REMISE_STRIPE_WEBHOOK_SECRET"_s, false};
    QStringList secrets;
    if (!webhookEnv.isEmpty()) {
        secrets = webhookEnv.split(u',', Qt::SkipEmptyParts);
    } else if (const auto raw = value(u"stripe_webhook_secret_file"_s)) {
        webhookRaw = *raw;
        webhookRaw.value = path(*raw);
        auto bytes = readPrivateFile(webhookRaw, u"webhook secret"_s);
        if (!bytes)
            return fail(bytes.error());
        secrets = QString::fromUtf8(*bytes).split(u'\n', Qt::SkipEmptyParts);
    }
    for (const QString &secret : std::as_const(secrets)) {
        const QString trimmed = secret.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (!trimmed.startsWith(u"whsec_"_s) || trimmed.size() < 10)
            return invalid(webhookRaw, u"expected webhook signing secrets (whsec_…)"_s);
        s.webhookSecrets.append(trimmed);
    }
    return s;
}

Result<ApiKey> Settings::apiKey() const
{
    if (keyError)
        return fail(*keyError);
    return ApiKey::parse(secretKey);
}

QString Settings::describe() const
{
    QString text;
    const auto line = [&text](const QString &name, const QString &value) {
        text += name + u" = "_s + value + u'\n';
    };
    line(u"api_key"_s, secretKey.isEmpty()
                           ? u"(none)"_s
                           : redactSecrets(secretKey) + u" (from "_s + keySource + u')');
    line(u"stripe_api_base"_s, apiBase.toString());
    line(u"stripe_api_version"_s, apiVersion);
    line(u"stripe_timeout_ms"_s, QString::number(stripeTimeout.count()));
    line(u"stripe_attempt_timeout_ms"_s, QString::number(attemptTimeout.count()));
    line(u"database"_s, databasePath + u" (from "_s + databaseSource + u')');
    line(u"allow_live"_s, allowLive ? u"true"_s : u"false"_s);
    line(u"foreign_discounts"_s, replaceForeignDiscounts ? u"replace"_s : u"keep"_s);
    line(u"listen"_s, listen);
    line(u"allowed_origins"_s, allowedOrigins.join(u","_s));
    line(u"rate_limit"_s, QString::number(rateLimit));
    QStringList masked;
    for (const QString &secret : webhookSecrets)
        masked.append(redactSecrets(secret));
    line(u"stripe_webhook_secrets"_s, masked.join(u","_s));
    return text;
}

} // namespace remise

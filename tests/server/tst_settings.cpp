// Settings: parsed once from the environment and a config file, validated with errors that name
// the variable or the file and line.

#include "settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using remise::Settings;

namespace {

QProcessEnvironment environment(const QMap<QString, QString> &values)
{
    QProcessEnvironment env;
    for (auto it = values.begin(); it != values.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content,
                  QFileDevice::Permissions permissions = QFileDevice::ReadOwner |
                                                         QFileDevice::WriteOwner)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    file.setPermissions(permissions);
    return path;
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaults()
    {
        const auto s = Settings::load(QProcessEnvironment());
        QVERIFY(s);
        QVERIFY(s->secretKey.isEmpty());
        QVERIFY(s->keyError);
        QCOMPARE(s->keyError->code, u"missing_key"_s);
        QVERIFY(!s->apiKey());
        QCOMPARE(s->apiBase, QUrl(u"https://api.stripe.com"_s));
        QCOMPARE(s->stripeTimeout, std::chrono::milliseconds(18'000));
        QCOMPARE(s->attemptTimeout, std::chrono::milliseconds(10'000));
        QCOMPARE(s->databasePath, Settings::defaultDatabasePath());
        QVERIFY(s->databasePath.endsWith(u"/remise/remise.db"_s));
        QCOMPARE(s->databaseSource, u"default"_s);
        QVERIFY(!s->allowLive);
        QVERIFY(!s->replaceForeignDiscounts);
        QCOMPARE(s->listen, u"127.0.0.1:4242"_s);
        QCOMPARE(s->rateLimit, 10);
        QVERIFY(s->allowedOrigins.isEmpty());
        QVERIFY(s->webhookSecrets.isEmpty());
    }

    void keySources_data()
    {
        QTest::addColumn<QString>("remise");
        QTest::addColumn<QString>("stripe");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("key");
        QTest::newRow("remise first") << u"sk_test_remise123456"_s << u"sk_test_stripe123456"_s
                                      << u"REMISE_STRIPE_SECRET_KEY"_s << u"sk_test_remise123456"_s;
        QTest::newRow("fallback") << QString() << u"rk_test_stripe123456"_s
                                  << u"STRIPE_SECRET_KEY"_s << u"rk_test_stripe123456"_s;
        QTest::newRow("any test key")
            << u"sk_test_x"_s << QString() << u"REMISE_STRIPE_SECRET_KEY"_s << u"sk_test_x"_s;
    }

    void keySources()
    {
        QFETCH(QString, remise);
        QFETCH(QString, stripe);
        QFETCH(QString, source);
        QFETCH(QString, key);
        QMap<QString, QString> values;
        if (!remise.isEmpty())
            values.insert(u"REMISE_STRIPE_SECRET_KEY"_s, remise);
        if (!stripe.isEmpty())
            values.insert(u"STRIPE_SECRET_KEY"_s, stripe);
        const auto s = Settings::load(environment(values));
        QVERIFY(s);
        QCOMPARE(s->keySource, source);
        QCOMPARE(s->secretKey, key);
        QVERIFY(!s->keyError);
        QVERIFY(s->apiKey());
        // Never shown in full.
        QVERIFY(!s->describe().contains(key));
    }

    void keyFile()
    {
        QTemporaryDir dir;
        const QString good = writeFile(dir, u"key"_s, "sk_test_fromfile1234\n");
        auto s = Settings::load(environment({{u"REMISE_STRIPE_SECRET_KEY_FILE"_s, good}}));
        QVERIFY(s);
        QCOMPARE(s->secretKey, u"sk_test_fromfile1234"_s);
        QCOMPARE(s->keySource, u"file:"_s + good);

        const QString open =
            writeFile(dir, u"open"_s, "sk_test_fromfile1234\n",
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        s = Settings::load(environment({{u"REMISE_STRIPE_SECRET_KEY_FILE"_s, open}}));
        QVERIFY(s); // offline commands still work
        QVERIFY(s->keyError);
        QCOMPARE(s->keyError->code, u"insecure_key_file"_s);
        QVERIFY(s->keyError->message.contains(u"chmod 600"_s));

        // From the config file, relative to it.
        const QString config = writeFile(dir, u"remise.conf"_s, "stripe_secret_key_file = key\n");
        s = Settings::load(QProcessEnvironment(), config);
        QVERIFY(s);
        QCOMPARE(s->secretKey, u"sk_test_fromfile1234"_s);
    }

    void badKeyIsReportedWithItsVariable()
    {
        const auto s =
            Settings::load(environment({{u"STRIPE_SECRET_KEY"_s, u"pk_test_abcdef123456"_s}}));
        QVERIFY(s);
        const auto key = s->apiKey();
        QVERIFY(!key);
        QVERIFY2(key.error().message.startsWith(u"STRIPE_SECRET_KEY"_s),
                 qPrintable(key.error().message));
        QVERIFY(!key.error().message.contains(u"abcdef123456"_s));
    }

    void environmentValues()
    {
        const auto s = Settings::load(environment({
            {u"REMISE_STRIPE_API_BASE"_s, u"http://127.0.0.1:12111"_s},
            {u"REMISE_STRIPE_API_VERSION"_s, u"2025-03-31.basil"_s},
            {u"REMISE_STRIPE_TIMEOUT_MS"_s, u"1500"_s},
            {u"REMISE_DB"_s, u"/tmp/x/remise.db"_s},
            {u"REMISE_FOREIGN_DISCOUNTS"_s, u"replace"_s},
            {u"REMISE_ALLOWED_ORIGINS"_s, u"https://shop.example, http://localhost:3000/"_s},
            {u"REMISE_RATE_LIMIT"_s, u"0"_s},
            {u"REMISE_STRIPE_WEBHOOK_SECRET"_s, u"whsec_current123,whsec_previous12"_s},
        }));
        QVERIFY2(s, s ? "" : qPrintable(s.error().describe()));
        QCOMPARE(s->apiBase, QUrl(u"http://127.0.0.1:12111"_s));
        QCOMPARE(s->apiVersion, u"2025-03-31.basil"_s);
        QCOMPARE(s->stripeTimeout, std::chrono::milliseconds(1500));
        // One attempt never outlasts the whole call.
        QCOMPARE(s->attemptTimeout, std::chrono::milliseconds(1500));
        QCOMPARE(s->databasePath, u"/tmp/x/remise.db"_s);
        QCOMPARE(s->databaseSource, u"REMISE_DB"_s);
        QVERIFY(s->replaceForeignDiscounts);
        QCOMPARE(s->allowedOrigins,
                 (QStringList{u"https://shop.example"_s, u"http://localhost:3000"_s}));
        QCOMPARE(s->rateLimit, 0);
        QCOMPARE(s->webhookSecrets, (QStringList{u"whsec_current123"_s, u"whsec_previous12"_s}));
        QVERIFY(!s->describe().contains(u"whsec_current123"_s));
    }

    void invalidValuesNameTheVariable_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("base not a url")
            << u"REMISE_STRIPE_API_BASE"_s << u"api.stripe.com"_s << u"http(s) URL"_s;
        QTest::newRow("base ftp") << u"REMISE_STRIPE_API_BASE"_s << u"ftp://x"_s
                                  << u"http(s) URL"_s;
        QTest::newRow("timeout words")
            << u"REMISE_STRIPE_TIMEOUT_MS"_s << u"soon"_s << u"milliseconds from 100"_s;
        QTest::newRow("timeout too small")
            << u"REMISE_STRIPE_TIMEOUT_MS"_s << u"5"_s << u"milliseconds from 100"_s;
        QTest::newRow("attempt timeout")
            << u"REMISE_STRIPE_ATTEMPT_TIMEOUT_MS"_s << u"-1"_s << u"milliseconds"_s;
        QTest::newRow("foreign discounts")
            << u"REMISE_FOREIGN_DISCOUNTS"_s << u"overwrite"_s << u"keep or replace"_s;
        QTest::newRow("allow live") << u"REMISE_ALLOW_LIVE"_s << u"maybe"_s << u"true or false"_s;
        QTest::newRow("listen") << u"REMISE_LISTEN"_s << u"4242"_s << u"ADDRESS:PORT"_s;
        QTest::newRow("listen port")
            << u"REMISE_LISTEN"_s << u"127.0.0.1:99999"_s << u"ADDRESS:PORT"_s;
        QTest::newRow("origin wildcard")
            << u"REMISE_ALLOWED_ORIGINS"_s << u"*"_s << u"not an origin"_s;
        QTest::newRow("origin with path")
            << u"REMISE_ALLOWED_ORIGINS"_s << u"https://shop.example/cart"_s << u"not an origin"_s;
        QTest::newRow("rate limit") << u"REMISE_RATE_LIMIT"_s << u"-3"_s << u"from 0 (off)"_s;
        QTest::newRow("webhook secret")
            << u"REMISE_STRIPE_WEBHOOK_SECRET"_s << u"sk_test_oops12345"_s << u"whsec_"_s;
        QTest::newRow("version on two lines")
            << u"REMISE_STRIPE_API_VERSION"_s << u"a\nb"_s << u"one line"_s;
    }

    void invalidValuesNameTheVariable()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const auto s = Settings::load(environment({{variable, value}}));
        QVERIFY(!s);
        QCOMPARE(s.error().code, remise::errc::invalidSetting);
        QCOMPARE(s.error().path, variable);
        QVERIFY2(s.error().message.contains(message), qPrintable(s.error().message));
        QVERIFY2(s.error().describe().startsWith(variable + u": "_s),
                 qPrintable(s.error().describe()));
    }

    void configFile()
    {
        QTemporaryDir dir;
        const QString config = writeFile(dir, u"remise.conf"_s,
                                         "# the service\n"
                                         "listen = 0.0.0.0:8080\n"
                                         "\n"
                                         "; a comment\n"
                                         "database = data/remise.db\n"
                                         "allow_live = yes\n"
                                         "foreign_discounts = \"replace\"\n"
                                         "allowed_origins = https://a.example,https://b.example\n"
                                         "rate_limit = 25\n"
                                         "stripe_timeout_ms = 9000\n");
        auto s = Settings::load(QProcessEnvironment(), config);
        QVERIFY2(s, s ? "" : qPrintable(s.error().describe()));
        QCOMPARE(s->configFile, config);
        QCOMPARE(s->listen, u"0.0.0.0:8080"_s);
        QCOMPARE(s->databasePath, dir.filePath(u"data/remise.db"_s));
        QVERIFY(s->databaseSource.startsWith(u"config:"_s));
        QVERIFY(s->allowLive);
        QVERIFY(s->replaceForeignDiscounts);
        QCOMPARE(s->allowedOrigins.size(), 2);
        QCOMPARE(s->rateLimit, 25);
        QCOMPARE(s->stripeTimeout, std::chrono::milliseconds(9000));
        QCOMPARE(s->attemptTimeout, std::chrono::milliseconds(9000));

        // The environment wins over the file.
        s = Settings::load(
            environment({{u"REMISE_DB"_s, u"/elsewhere.db"_s}, {u"REMISE_RATE_LIMIT"_s, u"3"_s}}),
            config);
        QVERIFY(s);
        QCOMPARE(s->databasePath, u"/elsewhere.db"_s);
        QCOMPARE(s->rateLimit, 3);
        QCOMPARE(s->listen, u"0.0.0.0:8080"_s);
    }

    void badConfigFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << QByteArray("listen = 1.2.3.4:5\nlistne = x\n") << u":2"_s
                                 << u"unknown setting \"listne\""_s;
        QTest::newRow("no equals") << QByteArray("listen\n") << u":1"_s << u"name = value"_s;
        QTest::newRow("twice") << QByteArray("rate_limit = 1\nrate_limit = 2\n") << u":2"_s
                               << u"set twice"_s;
        QTest::newRow("secret key") << QByteArray("stripe_secret_key = sk_test_123456789\n")
                                    << u":1"_s << u"never read from the config file"_s;
        QTest::newRow("webhook secret") << QByteArray("webhook_secret = whsec_123456789\n")
                                        << u":1"_s << u"never read from the config file"_s;
        QTest::newRow("bad value")
            << QByteArray("\n\nrate_limit = lots\n") << u":3"_s << u"requests per second"_s;
    }

    void badConfigFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString config = writeFile(dir, u"remise.conf"_s, content);
        const auto s = Settings::load(QProcessEnvironment(), config);
        QVERIFY(!s);
        QCOMPARE(s.error().path, config + where);
        QVERIFY2(s.error().message.contains(message), qPrintable(s.error().message));
        // A secret written in the config file is never echoed back.
        QVERIFY(!s.error().describe().contains(u"123456789"_s));
    }

    void theDocumentedExampleLoads()
    {
        // docs/examples/remise.conf, with the secrets from the environment (which wins).
        const auto s =
            Settings::load(environment({{u"REMISE_STRIPE_WEBHOOK_SECRET"_s, u"whsec_fromenv1234"_s},
                                        {u"REMISE_STRIPE_SECRET_KEY"_s, u"sk_test_fromenv1234"_s}}),
                           QStringLiteral(REMISE_SOURCE_DIR "/docs/examples/remise.conf"));
        QVERIFY2(s, s ? "" : qPrintable(s.error().describe()));
        QCOMPARE(s->databasePath, u"/var/lib/remise/remise.db"_s);
        QCOMPARE(s->allowedOrigins, QStringList{u"https://shop.example"_s});
        QCOMPARE(s->secretKey, u"sk_test_fromenv1234"_s);
    }

    void missingConfigFile()
    {
        const auto s = Settings::load(QProcessEnvironment(), u"/nonexistent/remise.conf"_s);
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(u"/nonexistent/remise.conf"_s));
    }

    void webhookSecretFile()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"whsec"_s, "whsec_current123\nwhsec_previous12\n");
        auto s = Settings::load(environment({{u"REMISE_STRIPE_WEBHOOK_SECRET_FILE"_s, file}}));
        QVERIFY(s);
        QCOMPARE(s->webhookSecrets, (QStringList{u"whsec_current123"_s, u"whsec_previous12"_s}));
        const QString open = writeFile(dir, u"open"_s, "whsec_current123\n",
                                       QFileDevice::ReadOwner | QFileDevice::ReadGroup);
        s = Settings::load(environment({{u"REMISE_STRIPE_WEBHOOK_SECRET_FILE"_s, open}}));
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(u"chmod 600"_s));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"

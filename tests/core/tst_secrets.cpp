// Secrets: which keys a server accepts (test, live, restricted), where the key may come from
// (environment or a private file), and that no secret ever reaches a log line or an error.

#include "secrets.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;

namespace {

// Obviously fake keys with the shape of real ones.
const QString testKey = u"sk_test_51Fake0000000000000000Remise4242"_s;
const QString liveKey = u"sk_live_51Fake1111111111111111Remise9876"_s;
const QString restrictedLiveKey = u"rk_live_51Fake2222222222222222Remise5555"_s;
const QString webhookSecret = u"whsec_Fake3333333333333333333333wxyz"_s;

QProcessEnvironment environment(std::initializer_list<std::pair<QString, QString>> values)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : values)
        env.insert(name, value);
    return env;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private slots:
    void parseKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::addColumn<bool>("live");
        QTest::newRow("secret test") << testKey << QString() << false;
        QTest::newRow("secret live") << liveKey << QString() << true;
        QTest::newRow("restricted test") << u"rk_test_51Fake9999abcd"_s << QString() << false;
        QTest::newRow("restricted live") << restrictedLiveKey << QString() << true;
        QTest::newRow("surrounding whitespace")
            << u"  "_s + testKey + u"\n"_s << QString() << false;
        QTest::newRow("empty") << QString() << u"missing_key"_s << false;
        QTest::newRow("blank") << u" \n"_s << u"missing_key"_s << false;
        QTest::newRow("publishable test") << u"pk_test_51Fake0000"_s << u"invalid_key"_s << false;
        QTest::newRow("publishable live") << u"pk_live_51Fake0000"_s << u"invalid_key"_s << false;
        QTest::newRow("webhook secret") << webhookSecret << u"invalid_key"_s << false;
        QTest::newRow("unknown mode") << u"sk_prod_51Fake0000"_s << u"invalid_key"_s << false;
        QTest::newRow("no body") << u"sk_test_"_s << u"invalid_key"_s << false;
        QTest::newRow("uppercase prefix") << u"SK_TEST_51Fake0000"_s << u"invalid_key"_s << false;
        QTest::newRow("inner space") << u"sk_test_51Fake 0000"_s << u"invalid_key"_s << false;
        QTest::newRow("punctuation") << u"sk_test_51Fake-0000"_s << u"invalid_key"_s << false;
        QTest::newRow("two keys") << testKey + u"\n"_s + liveKey << u"invalid_key"_s << false;
    }

    void parseKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, error);
        QFETCH(bool, live);
        const auto parsed = ApiKey::parse(key);
        if (!error.isEmpty()) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().code, error);
            QVERIFY(!parsed.error().message.isEmpty());
            const QString body = key.trimmed().mid(8);
            if (body.size() > 4)
                QVERIFY2(!parsed.error().describe().contains(body),
                         qPrintable(parsed.error().describe()));
            return;
        }
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().describe()));
        QCOMPARE(parsed->isLive(), live);
        QCOMPARE(parsed->mode(), live ? ApiKey::Mode::Live : ApiKey::Mode::Test);
        QCOMPARE(parsed->reveal(), key.trimmed());
        QCOMPARE(parsed->redacted(),
                 QString(key.trimmed().left(8) + u"…"_s + key.trimmed().right(4)));
    }

    void publishableKeyErrorSaysWhy()
    {
        const auto parsed = ApiKey::parse(u"pk_live_51Fake0000"_s);
        QVERIFY(!parsed);
        QVERIFY(parsed.error().message.contains(u"publishable"_s));
    }

    void redact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("secret test key")
            << u"key "_s + testKey + u" rejected"_s << u"key sk_test_…4242 rejected"_s;
        QTest::newRow("secret live key") << liveKey << u"sk_live_…9876"_s;
        QTest::newRow("restricted test key")
            << u"rk_test_51FakeAbcdefgh1234"_s << u"rk_test_…1234"_s;
        QTest::newRow("restricted live key") << restrictedLiveKey << u"rk_live_…5555"_s;
        QTest::newRow("webhook secret") << u"secret="_s + webhookSecret << u"secret=whsec_…wxyz"_s;
        QTest::newRow("publishable key") << u"pk_live_51FakeAbcdefgh9999"_s << u"pk_live_…9999"_s;
        QTest::newRow("client secret")
            << u"cs_test_a1B2_secret_Fake0000000000zz99"_s << u"cs_test_a1B2_secret_…zz99"_s;
        QTest::newRow("bearer header")
            << u"Authorization: Bearer "_s + liveKey << u"Authorization: Bearer sk_live_…9876"_s;
        QTest::newRow("in JSON") << u"{\"key\":\""_s + testKey + u"\",\"n\":1}"_s
                                 << u"{\"key\":\"sk_test_…4242\",\"n\":1}"_s;
        QTest::newRow("in a form body") << u"api_key="_s + liveKey + u"&mode=payment"_s
                                        << u"api_key=sk_live_…9876&mode=payment"_s;
        QTest::newRow("in quotes and parentheses")
            << u"('"_s + restrictedLiveKey + u"')"_s << u"('rk_live_…5555')"_s;
        QTest::newRow("several") << testKey + u","_s + liveKey + u";"_s + webhookSecret
                                 << u"sk_test_…4242,sk_live_…9876;whsec_…wxyz"_s;
        QTest::newRow("at line starts")
            << u"a\n"_s + testKey + u"\n"_s + liveKey << u"a\nsk_test_…4242\nsk_live_…9876"_s;
        // Text that was escaped or URL-encoded puts a letter or digit right before the key.
        QTest::newRow("after a JSON escape") << u"{\"message\":\"line\\n"_s + liveKey + u"\"}"_s
                                             << u"{\"message\":\"line\\nsk_live_…9876\"}"_s;
        QTest::newRow("after a tab escape") << u"\\t"_s + testKey << u"\\tsk_test_…4242"_s;
        QTest::newRow("URL-encoded")
            << u"Bearer%20"_s + liveKey + u"%26x"_s << u"Bearer%20sk_live_…9876%26x"_s;
        QTest::newRow("URL-encoded equals") << u"key%3D"_s + testKey << u"key%3Dsk_test_…4242"_s;
        QTest::newRow("short body keeps nothing") << u"sk_test_abc12345"_s << u"sk_test_…"_s;
        QTest::newRow("prefix alone") << u"sk_test_ and whsec_"_s << u"sk_test_ and whsec_"_s;
        QTest::newRow("no secret")
            << u"session cs_test_a1 is open"_s << u"session cs_test_a1 is open"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("non-ASCII around") << u"cl\u00e9 \u00ab"_s + testKey + u"\u00bb"_s
                                          << u"cl\u00e9 \u00absk_test_…4242\u00bb"_s;
    }

    void redact()
    {
        QFETCH(QString, text);
        QFETCH(QString, redacted);
        QCOMPARE(redactSecrets(text), redacted);
        // Redacting twice changes nothing more.
        QCOMPARE(redactSecrets(redacted), redacted);
    }

    void loadFromEnvironment_data()
    {
        QTest::addColumn<QString>("remiseKey");
        QTest::addColumn<QString>("stripeKey");
        QTest::addColumn<QString>("loaded");
        QTest::newRow("REMISE_STRIPE_SECRET_KEY") << testKey << QString() << testKey;
        QTest::newRow("STRIPE_SECRET_KEY") << QString() << liveKey << liveKey;
        QTest::newRow("REMISE_ first") << testKey << liveKey << testKey;
        QTest::newRow("blank REMISE_ falls back") << u"  "_s << liveKey << liveKey;
        QTest::newRow("trimmed") << u" "_s + testKey + u"\n"_s << QString() << testKey;
    }

    void loadFromEnvironment()
    {
        QFETCH(QString, remiseKey);
        QFETCH(QString, stripeKey);
        QFETCH(QString, loaded);
        QProcessEnvironment env;
        if (!remiseKey.isNull())
            env.insert(u"REMISE_STRIPE_SECRET_KEY"_s, remiseKey);
        if (!stripeKey.isNull())
            env.insert(u"STRIPE_SECRET_KEY"_s, stripeKey);
        const auto key = loadApiKey(env);
        QVERIFY2(key, key ? "" : qPrintable(key.error().describe()));
        QCOMPARE(key->reveal(), loaded);
    }

    void invalidKeyInEnvironment()
    {
        // A bad REMISE_STRIPE_SECRET_KEY is an error, not a reason to try the next source.
        const QString bad = u"sk_test_51Fake$ecretValue"_s;
        const auto key = loadApiKey(
            environment({{u"REMISE_STRIPE_SECRET_KEY"_s, bad}, {u"STRIPE_SECRET_KEY"_s, testKey}}));
        QVERIFY(!key);
        QCOMPARE(key.error().code, u"invalid_key"_s);
        QVERIFY(key.error().message.startsWith(u"REMISE_STRIPE_SECRET_KEY: "_s));
        QVERIFY(!key.error().describe().contains(u"ecretValue"_s));

        const auto publishable =
            loadApiKey(environment({{u"STRIPE_SECRET_KEY"_s, u"pk_live_51FakePublishable"_s}}));
        QVERIFY(!publishable);
        QVERIFY(publishable.error().message.startsWith(u"STRIPE_SECRET_KEY: "_s));
        QVERIFY(!publishable.error().describe().contains(u"FakePublishable"_s));
    }

    void noKeyAnywhere()
    {
        const auto key = loadApiKey(QProcessEnvironment());
        QVERIFY(!key);
        QCOMPARE(key.error().code, u"missing_key"_s);
        for (const QString &name : {u"REMISE_STRIPE_SECRET_KEY"_s, u"STRIPE_SECRET_KEY"_s,
                                    u"REMISE_STRIPE_SECRET_KEY_FILE"_s})
            QVERIFY2(key.error().message.contains(name), qPrintable(key.error().message));
    }

    void loadFromFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("permissions");
        QTest::addColumn<QString>("error"); // empty: loads testKey
        const int owner = int(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QByteArray key = testKey.toUtf8();
        QTest::newRow("0600") << key << owner << QString();
        QTest::newRow("0400") << key << int(QFileDevice::ReadOwner) << QString();
        QTest::newRow("trailing newline") << key + '\n' << owner << QString();
        QTest::newRow("0640 group-readable")
            << key << int(owner | QFileDevice::ReadGroup) << u"insecure_key_file"_s;
        QTest::newRow("0604 world-readable")
            << key << int(owner | QFileDevice::ReadOther) << u"insecure_key_file"_s;
        QTest::newRow("0644") << key << int(owner | QFileDevice::ReadGroup | QFileDevice::ReadOther)
                              << u"insecure_key_file"_s;
        QTest::newRow("0620 group-writable")
            << key << int(owner | QFileDevice::WriteGroup) << u"insecure_key_file"_s;
        QTest::newRow("empty file") << QByteArray() << owner << u"missing_key"_s;
        QTest::newRow("publishable key")
            << QByteArray("pk_live_51FakePublishable") << owner << u"invalid_key"_s;
        QTest::newRow("two lines") << key + "\nsk_live_51FakeSecondLine\n"
                                   << owner << u"invalid_key"_s;
    }

    void loadFromFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, permissions);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"stripe.key"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::Permissions(permissions)));

        const auto key = loadApiKey(environment({{u"REMISE_STRIPE_SECRET_KEY_FILE"_s, path}}));
        if (error.isEmpty()) {
            QVERIFY2(key, key ? "" : qPrintable(key.error().describe()));
            QCOMPARE(key->reveal(), testKey);
            return;
        }
        QVERIFY(!key);
        QCOMPARE(key.error().code, error);
        const QString text = key.error().describe();
        QVERIFY2(text.contains(path), qPrintable(text)); // names the file
        // ... and never shows what is in it.
        QVERIFY2(!text.contains(testKey.mid(8)), qPrintable(text));
        QVERIFY2(!text.contains(u"Fake"_s), qPrintable(text));
        if (error == u"insecure_key_file")
            QVERIFY2(text.contains(u"chmod 600"_s), qPrintable(text));
    }

    void missingKeyFileNamesThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"no-such.key"_s);
        const auto key = loadApiKey(environment({{u"REMISE_STRIPE_SECRET_KEY_FILE"_s, path}}));
        QVERIFY(!key);
        QCOMPARE(key.error().code, u"missing_key"_s);
        QVERIFY2(key.error().message.contains(path), qPrintable(key.error().message));
    }

    void environmentWinsOverTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"stripe.key"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(liveKey.toUtf8());
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const auto key = loadApiKey(environment(
            {{u"STRIPE_SECRET_KEY"_s, testKey}, {u"REMISE_STRIPE_SECRET_KEY_FILE"_s, path}}));
        QVERIFY(key);
        QCOMPARE(key->reveal(), testKey);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"

// The Stripe key where no keychain exists (CI, servers): the Settings page says so, names the
// fallback, and a saved key lands in a file only the user can read — never in QSettings.

#include "appcontext.h"
#include "clock.h"
#include "keystore.h"
#include "settingspage.h"
#include "sqlitestore.h"
#include "text.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise;
using namespace remise::ui;

class KeySettings : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void noKeychainExplained_data();
    void noKeychainExplained();
    void environmentKeyWins();
    void liveKeyRefusedUnlessAllowed();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

void KeySettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Whatever this machine has, the test runs where no keychain can be reached: no session
    // bus, no display to autolaunch one.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    auto store = SqliteStore::open(m_dir.filePath(u"remise.db"_s));
    QVERIFY(store);
    QVERIFY((*store)->migrate());
    m_store = std::move(*store);
}

void KeySettings::noKeychainExplained_data()
{
    QTest::addColumn<QString>("keychainSetting");
    QTest::newRow("no session bus") << QString();
    QTest::newRow("turned off") << u"off"_s;
}

void KeySettings::noKeychainExplained()
{
    QFETCH(QString, keychainSetting);
    QFile::remove(KeyStore::fallbackFile());
    QSettings().clear();
    QProcessEnvironment env;
    if (!keychainSetting.isEmpty())
        env.insert(u"REMISE_KEYCHAIN"_s, keychainSetting);
    KeyStore keys(env);
    AppContext context{*m_store, m_dir.filePath(u"remise.db"_s), SystemClock::instance()};
    SettingsPage page(context, keys);
    QSignalSpy refreshed(&page, &SettingsPage::refreshed);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 20'000);

    auto *status = page.findChild<QLabel *>(u"keychainStatus"_s);
    QVERIFY(status);
    QVERIFY2(status->text().contains(u"No system keychain"_s), qPrintable(status->text()));
    QVERIFY(status->text().contains(text::path(KeyStore::fallbackFile())));
    QVERIFY(status->text().contains(u"REMISE_STRIPE_SECRET_KEY"_s));
    QVERIFY(page.findChild<QLabel *>(u"keyInUse"_s)->text().contains(u"No key"_s));

    // Type a key and save it like a user.
    const QString secret = u"sk_test_remiseFallback1234"_s;
    auto *edit = page.findChild<QLineEdit *>(u"keyEdit"_s);
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(edit, secret);
    QSignalSpy saved(&page, &SettingsPage::keySaved);
    QTest::mouseClick(page.findChild<QPushButton *>(u"saveKey"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), 20'000);
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).toString()));
    QVERIFY(saved.first().at(1).toString().contains(text::path(KeyStore::fallbackFile())));
    QVERIFY(edit->text().isEmpty());

    QFile file(KeyStore::fallbackFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()).trimmed(), secret);
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                   QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());

    // Never in QSettings, never in the database.
    QSettings settings;
    settings.sync();
    QFile settingsFile(settings.fileName());
    if (settingsFile.open(QIODevice::ReadOnly))
        QVERIFY(!settingsFile.readAll().contains(secret.toUtf8()));
    QFile database(m_dir.filePath(u"remise.db"_s));
    QVERIFY(database.open(QIODevice::ReadOnly));
    QVERIFY(!database.readAll().contains(secret.toUtf8()));

    // Shown as the key in use, masked, with where it lives.
    refreshed.clear();
    page.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 20'000);
    const QString inUse = page.findChild<QLabel *>(u"keyInUse"_s)->text();
    QVERIFY2(inUse.contains(u"1234"_s) && !inUse.contains(secret), qPrintable(inUse));
    QVERIFY(inUse.contains(KeyStore::sourceName(KeyStore::Source::File)));

    // A file others can read is refused, as the command line refuses it.
    QVERIFY(QFile::setPermissions(KeyStore::fallbackFile(), QFileDevice::ReadOwner |
                                                                QFileDevice::WriteOwner |
                                                                QFileDevice::ReadOther));
    bool done = false;
    KeyStore::Lookup lookup;
    keys.load(this, [&](KeyStore::Lookup l) {
        lookup = l;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
    QVERIFY(!lookup.key);
    QVERIFY(!lookup.error.isEmpty());
    QFile::remove(KeyStore::fallbackFile());
}

void KeySettings::environmentKeyWins()
{
    QProcessEnvironment env;
    env.insert(u"REMISE_KEYCHAIN"_s, u"off"_s);
    env.insert(u"REMISE_STRIPE_SECRET_KEY"_s, u"rk_test_fromTheEnvironment9876"_s);
    KeyStore keys(env);
    bool done = false;
    KeyStore::Lookup lookup;
    keys.load(this, [&](KeyStore::Lookup l) {
        lookup = l;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(lookup.key);
    QCOMPARE(lookup.source, KeyStore::Source::Environment);
    QCOMPARE(lookup.where, u"REMISE_STRIPE_SECRET_KEY"_s);
    QCOMPARE(lookup.key->redacted(), u"rk_test_…9876"_s);
}

void KeySettings::liveKeyRefusedUnlessAllowed()
{
    QSettings().clear();
    QProcessEnvironment env;
    env.insert(u"REMISE_KEYCHAIN"_s, u"off"_s);
    KeyStore keys(env);
    AppContext context{*m_store, m_dir.filePath(u"remise.db"_s), SystemClock::instance()};
    SettingsPage page(context, keys);
    QSignalSpy saved(&page, &SettingsPage::keySaved);
    page.saveKey(u"sk_live_notAllowedByDefault5555"_s);
    QCOMPARE(saved.size(), 1);
    QVERIFY(!saved.first().at(0).toBool());
    QVERIFY(!QFile::exists(KeyStore::fallbackFile()));
}

QTEST_MAIN(KeySettings)
#include "tst_keysettings.moc"

// A first start without any configuration: the welcome dialog offers the demo or a Stripe test
// key; choosing the demo opens the app on its own sandbox, marked DEMO.

#include "application.h"
#include "demo.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace remise::ui;

class FirstStart : public QObject
{
    Q_OBJECT
private slots:
    void offersTheDemoOrAKey();
};

void FirstStart::offersTheDemoOrAKey()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    for (const char *name : {"REMISE_STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY",
                             "REMISE_STRIPE_SECRET_KEY_FILE", "REMISE_DB"})
        qunsetenv(name);
    qputenv("REMISE_KEYCHAIN", "off");
    QFile::remove(KeyStore::fallbackFile());

    Application app(Application::Options{});
    QSignalSpy ready(&app, &Application::ready);
    app.start();
    QDialog *welcome = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((welcome =
                                  [] {
                                      for (QWidget *w : QApplication::topLevelWidgets())
                                          if (w->objectName() == u"welcomeDialog" && w->isVisible())
                                              return qobject_cast<QDialog *>(w);
                                      return static_cast<QDialog *>(nullptr);
                                  }()),
                             10'000);
    QVERIFY(ready.isEmpty());
    auto *key = welcome->findChild<QLineEdit *>(u"welcomeKey"_s);
    QVERIFY(key);
    QCOMPARE(key->echoMode(), QLineEdit::Password);

    // A live key is not a way in on a first start.
    QTest::keyClicks(key, u"sk_live_notOnAFirstStart1111"_s);
    for (auto *button : welcome->findChildren<QPushButton *>())
        if (button->text() == Application::tr("&Connect"))
            QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(ready.isEmpty());
    QVERIFY(!QFile::exists(KeyStore::fallbackFile()));

    QTest::mouseClick(welcome->findChild<QPushButton *>(u"openDemo"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 20'000);
    QVERIFY(app.window());
    QCOMPARE(app.window()->modeText(), MainWindow::tr("DEMO"));
    QVERIFY(app.sandbox() && app.sandbox()->url().isValid());
}

QTEST_MAIN(FirstStart)
#include "tst_firststart.moc"

// remise-screenshots: opens the app on the demo (its own sandbox, a temporary database),
// applies a discount so every page has something to show, and saves each page as a PNG —
// for scripts/screenshots.sh, in a given language and light or dark palette.
//
//   remise-screenshots --out docs/images --lang fr --theme dark

#include "application.h"
#include "mainwindow.h"
#include "sessiondetail.h"
#include "sessionsmodel.h"
#include "sessionspage.h"
#include "simulatorpage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace remise::ui;

namespace {

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 20'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

void settle()
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 400)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4b));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x50, 0x53, 0x57));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x5b, 0x5b, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xe0, 0x8f, 0x5b));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace

int main(int argc, char *argv[])
{
    // A home of its own: never the user's settings, key or data; paths show as "~/…".
    QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qunsetenv(name);
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"remise"_s);
    QApplication::setOrganizationName(u"remise"_s);
    QCommandLineParser parser;
    const QCommandLineOption out(u"out"_s, u"Directory for the PNG files."_s, u"DIR"_s,
                                 u"docs/images"_s);
    const QCommandLineOption lang(u"lang"_s, u"en or fr."_s, u"LANG"_s, u"en"_s);
    const QCommandLineOption theme(u"theme"_s, u"light or dark."_s, u"THEME"_s, u"light"_s);
    parser.addOptions({out, lang, theme});
    parser.addHelpOption();
    parser.process(app);

    QLocale::setDefault(QLocale(parser.value(lang) == u"fr" ? u"fr_FR"_s : u"en_US"_s));
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(
        parser.value(theme) == u"dark" ? darkPalette() : QApplication::style()->standardPalette());
    installTranslations(app);
    QSettings().clear();

    QTemporaryDir dir;
    Application::Options options;
    options.demo = true;
    options.database = dir.filePath(u"demo.db"_s);
    Application application(options);
    QString failure;
    QObject::connect(&application, &Application::failed, &app,
                     [&](const QString &message) { failure = message; });
    application.start();
    if (!waitUntil([&] { return application.window() || !failure.isEmpty(); }) ||
        !failure.isEmpty()) {
        std::fprintf(stderr, "remise-screenshots: %s\n", qPrintable(failure));
        return 1;
    }
    MainWindow *window = application.window();
    window->resize(1440, 900);
    window->showPage(MainWindow::Sessions);
    auto *sessions = window->page<SessionsPage>();
    if (!waitUntil([&] { return !sessions->isLoading() && sessions->model()->rowCount() > 0; })) {
        std::fprintf(stderr, "remise-screenshots: no session listed\n");
        return 1;
    }
    // Claire's session: decide, apply, decide again, so the detail and Activity have content.
    const QString claire = u"cs_test_a1Qx7demo0001"_s;
    bool loaded = false;
    QObject::connect(sessions->detail(), &SessionDetail::loaded, &app,
                     [&](const QString &, bool) { loaded = true; });
    sessions->selectSession(claire);
    waitUntil([&] { return loaded; });
    loaded = false;
    sessions->detail()->applyNow();
    waitUntil([&] { return loaded; });
    settle();

    const QString directory = parser.value(out);
    QDir().mkpath(directory);
    const QString suffix = u"-%1-%2.png"_s.arg(parser.value(lang), parser.value(theme));
    const QStringList names{u"overview"_s, u"campaigns"_s, u"segments"_s, u"customers"_s,
                            u"sessions"_s, u"simulator"_s, u"activity"_s, u"settings"_s};
    int saved = 0;
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        if (!window->page(MainWindow::Page(page)))
            continue;
        window->showPage(MainWindow::Page(page));
        // The Simulator with a decision and the open sessions decided, as a user would see it.
        if (auto *simulator = window->page<SimulatorPage>();
            simulator && page == MainWindow::Simulator) {
            (void)simulator->simulate();
            simulator->runOpenSessions();
            waitUntil([&] { return !simulator->isRunning(); });
        }
        settle();
        const QString path = directory + u'/' + names.at(page) + suffix;
        if (!window->grab().save(path)) {
            std::fprintf(stderr, "remise-screenshots: cannot write %s\n", qPrintable(path));
            return 1;
        }
        std::printf("%s\n", qPrintable(path));
        ++saved;
    }
    return saved > 0 ? 0 : 1;
}

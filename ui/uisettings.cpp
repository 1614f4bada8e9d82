#include "uisettings.h"

#include "settings.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace remise::ui {

ConnectionSettings ConnectionSettings::load()
{
    QSettings s;
    ConnectionSettings c;
    c.apiBase = QUrl(s.value(u"connection/apiBase"_s).toString());
    c.databasePath = s.value(u"connection/database"_s).toString();
    c.serviceAddress = s.value(u"connection/service"_s, u"http://127.0.0.1:8080"_s).toString();
    c.allowLive = s.value(u"connection/allowLive"_s, false).toBool();
    return c;
}

void ConnectionSettings::save() const
{
    QSettings s;
    s.setValue(u"connection/apiBase"_s, apiBase.toString());
    s.setValue(u"connection/database"_s, databasePath);
    s.setValue(u"connection/service"_s, serviceAddress);
    s.setValue(u"connection/allowLive"_s, allowLive);
    s.setValue(u"connection/configured"_s, true);
}

bool ConnectionSettings::configured()
{
    return QSettings().value(u"connection/configured"_s, false).toBool();
}

QString ConnectionSettings::defaultDatabasePath()
{
    const QString env = qEnvironmentVariable("REMISE_DB");
    if (!env.isEmpty())
        return env;
    return Settings::defaultDatabasePath(); // the command line's default too
}

namespace layout {

void remember(QHeaderView *header, const QString &key)
{
    const QString name = u"layout/"_s + key;
    const QByteArray state = QSettings().value(name).toByteArray();
    if (!state.isEmpty())
        header->restoreState(state);
    // Saved shortly after a column moves or is resized (once for a burst of changes), so a
    // crash loses nothing either.
    auto *timer = new QTimer(header);
    timer->setSingleShot(true);
    timer->setInterval(400);
    QObject::connect(timer, &QTimer::timeout, header,
                     [header, name] { QSettings().setValue(name, header->saveState()); });
    const auto save = [timer] {
        timer->start();
    };
    QObject::connect(header, &QHeaderView::sectionResized, timer, save);
    QObject::connect(header, &QHeaderView::sectionMoved, timer, save);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, timer, save);
}

void remember(QSplitter *splitter, const QString &key)
{
    const QString name = u"layout/"_s + key;
    const QByteArray state = QSettings().value(name).toByteArray();
    if (!state.isEmpty())
        splitter->restoreState(state);
    QObject::connect(splitter, &QSplitter::splitterMoved, splitter,
                     [splitter, name] { QSettings().setValue(name, splitter->saveState()); });
}

} // namespace layout

} // namespace remise::ui

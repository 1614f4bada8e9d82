#include "draftitempage.h"

#include "drafts/publishdialog.h"
#include "drafts/snapshotcommand.h"
#include "draftsession.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QKeyEvent>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

QString actorName()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return u"desktop:"_s + (user.isEmpty() ? u"unknown"_s : user);
}

} // namespace

DraftItemPage::DraftItemPage(AppContext &context, DraftItem::Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_kind(kind)
    , m_draft(std::make_unique<drafts::DraftSession>(context.store, context.clock, actorName()))
    , m_undo(new QUndoStack(this))
    , m_autosave(new QTimer(this))
    , m_watch(new QTimer(this))
{
    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setIcon(QIcon::fromTheme(u"edit-undo"_s));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_undoAction);
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setIcon(QIcon::fromTheme(u"edit-redo"_s));
    m_redoAction->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence::Redo});
    m_redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_redoAction);

    // Unsaved edits reach the database shortly after typing stops: a crash loses nothing.
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(400);
    connect(m_autosave, &QTimer::timeout, this, &DraftItemPage::flushWorking);
    // Another process (the command line, the service, another app) may change the live rules.
    m_watch->setInterval(3000);
    connect(m_watch, &QTimer::timeout, this, [this] {
        if (m_draft->liveChanged()) {
            reload();
            showBanner(tr("The live rules were changed outside this window. The list now shows "
                          "them with your draft on top."));
        }
    });
    m_watch->start();
    qApp->installEventFilter(this);
}

DraftItemPage::~DraftItemPage() = default;

bool DraftItemPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && m_editorPane) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto *widget = qobject_cast<QWidget *>(watched);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && widget &&
            m_editorPane->isAncestorOf(widget)) {
            event->ignore(); // not the field's: the page's undo action takes it
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DraftItemPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void DraftItemPage::edited(const QString &field)
{
    if (m_loading || m_key.isEmpty())
        return;
    const QJsonObject now = formObject();
    if (now == m_shown)
        return;
    m_undo->push(new SnapshotCommand(
        [this](const QString &key, const QJsonObject &object) { applySnapshot(key, object); },
        m_key, field, m_shown, now, tr("edit of %1").arg(field)));
    m_shown = now;
    m_dirty = true;
    m_autosave->start();
    validate();
    formChanged();
}

void DraftItemPage::applySnapshot(const QString &key, const QJsonObject &object)
{
    if (key != m_key)
        select(key); // the item the step belongs to; it may be gone
    if (key != m_key)
        return;
    m_loading = true;
    setFormObject(object);
    m_loading = false;
    m_shown = formObject();
    m_dirty = true;
    m_autosave->start();
    validate();
    formChanged();
}

void DraftItemPage::flushWorking()
{
    if (!m_dirty || m_key.isEmpty() || !m_draft)
        return;
    m_autosave->stop();
    m_dirty = false;
    if (auto kept = m_draft->keepWorking(m_kind, m_key, formObject()); !kept)
        showBanner(kept.error().describe());
}

void DraftItemPage::saveCurrent(const QString &notSaved)
{
    if (m_key.isEmpty())
        return;
    m_autosave->stop();
    m_dirty = false;
    if (auto saved = m_draft->save(m_kind, m_key, formObject()); !saved) {
        validate();
        showBanner(notSaved.arg(saved.error().describe()));
        return;
    }
    showBanner({});
    reload();
    emit draftChanged();
}

void DraftItemPage::revertCurrent()
{
    if (m_key.isEmpty())
        return;
    m_autosave->stop();
    m_dirty = false;
    const auto reverted = m_draft->revert(m_kind, m_key);
    const QString key = m_key;
    m_key.clear();
    rebuildModel();
    if (!select(key))
        load({});
    showBanner(reverted ? QString() : reverted.error().describe());
    emit draftChanged();
}

void DraftItemPage::openPublish()
{
    flushWorking();
    if (auto loaded = m_draft->reload(); !loaded) {
        showBanner(loaded.error().describe());
        return;
    }
    auto *dialog = new PublishDialog(m_context, *m_draft, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PublishDialog::published, this, [this] {
        reload();
        showBanner(tr("The draft is now live."));
        emit draftChanged();
    });
    dialog->open();
    dialog->start();
}

} // namespace remise::ui

#pragma once

#include "appcontext.h"
#include "store.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QAction;
class QTimer;
class QUndoStack;

namespace remise::drafts {
class DraftSession;
}

namespace remise::ui {

/// What the Campaigns and Segments pages share: one item of the draft (a campaign or a segment)
/// edited in a form, with undo and redo over snapshots of the whole item, a working copy kept in
/// the database shortly after typing stops (a crash loses nothing), save to the draft, revert,
/// publish, and a watch on the live rules (docs/drafts.md). Each page builds its own list and
/// form and fills in the hooks below.
class DraftItemPage : public QWidget
{
    Q_OBJECT
public:
    ~DraftItemPage() override;

    /// Reads the rules and the draft again, keeping the selection.
    virtual void reload() = 0;
    /// Selects an item by its draft key (its id when published); false if there is none.
    virtual bool select(const QString &key) = 0;
    /// The item in the form (its draft key), empty for none.
    QString currentKey() const { return m_key; }

    QUndoStack *undoStack() const { return m_undo; }
    drafts::DraftSession &draft() const { return *m_draft; }

    /// Shows a snapshot of the item in the form (undo and redo).
    void applySnapshot(const QString &key, const QJsonObject &object);

signals:
    /// The draft changed (saved, reverted, imported, published): other pages refresh.
    void draftChanged();

protected:
    DraftItemPage(AppContext &context, DraftItem::Kind kind, QWidget *parent);

    /// The item as the form says.
    virtual QJsonObject formObject() const = 0;
    /// Fills the form with an item (m_loading is set meanwhile: no edit is recorded).
    virtual void setFormObject(const QJsonObject &object) = 0;
    /// Shows in the form what is wrong with the item, and enables the actions accordingly.
    virtual void validate() = 0;
    virtual void rebuildModel() = 0;
    /// Shows the item `key` in the form (none when empty).
    virtual void load(const QString &key) = 0;
    /// A message above the page; empty hides it.
    virtual void showBanner(const QString &text) = 0;
    /// After an edit, an undo or a redo changed the form.
    virtual void formChanged() {}

    /// The form changed `field` (the name merges consecutive edits into one undo step).
    void edited(const QString &field);
    /// Keeps unsaved edits in the database now.
    void flushWorking();
    /// Saves the form to the draft; `notSaved` says so with the reason as %1.
    void saveCurrent(const QString &notSaved);
    void revertCurrent();
    void openPublish();
    /// Undo keys typed in a field of `pane` undo the page's edits, not the field's own typing.
    void setEditorPane(QWidget *pane) { m_editorPane = pane; }

    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

    AppContext &m_context;
    const DraftItem::Kind m_kind;
    std::unique_ptr<drafts::DraftSession> m_draft;
    QUndoStack *m_undo = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QString m_key;        ///< the item in the form (draft key), empty for none
    QJsonObject m_shown;  ///< what the form showed after the last edit (undo's "before")
    bool m_dirty = false; ///< edits not yet kept in the database
    bool m_loading = false;
    QTimer *m_autosave = nullptr; ///< keeps the edits in the database once typing stops

private:
    QTimer *m_watch = nullptr;
    QWidget *m_editorPane = nullptr;
};

} // namespace remise::ui

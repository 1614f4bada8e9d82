#include "campaignspage.h"

#include "campaignfile.h"
#include "campaignseditor.h"
#include "campaignsmodel.h"
#include "campaignstimeline.h"
#include "clock.h"
#include "drafts/publishdialog.h"
#include "draftsession.h"
#include "lint.h"
#include "store.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

constexpr auto campaignKind = DraftItem::Kind::Campaign;

} // namespace

CampaignsPage::CampaignsPage(AppContext &context, QWidget *parent)
    : DraftItemPage(context, campaignKind, parent)
    , m_model(new CampaignListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"campaignsPage"_s);
    auto *layout = new QVBoxLayout(this);
    auto *toolbar = new QToolBar(tr("Campaign actions"), this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(toolbar);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"campaignsBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(m_splitter, 1);

    // --- the list, its filter, the empty state and the timeline
    auto *listPane = new QWidget(m_splitter);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(listPane);
    m_filter->setObjectName(u"campaignsFilter"_s);
    m_filter->setPlaceholderText(tr("Filter campaigns (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter campaigns"));
    m_filter->setClearButtonEnabled(true);
    listLayout->addWidget(m_filter);
    m_listSplitter = new QSplitter(Qt::Vertical, listPane);
    listLayout->addWidget(m_listSplitter, 1);
    m_listStack = new QStackedWidget(m_listSplitter);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(Qt::EditRole);
    m_view = new QTableView(m_listStack);
    m_view->setObjectName(u"campaignsView"_s);
    m_view->setAccessibleName(tr("Campaigns"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Short columns fit their text; the four long ones share the rest and cut their text (the
    // tooltip has all of it), so the list needs no sideways scrolling beside the editor.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (const int column : {CampaignListModel::Schedule, CampaignListModel::Reward,
                             CampaignListModel::Redemptions, CampaignListModel::Budget})
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    m_view->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setWordWrap(false); // one line a campaign, cut at the column's end
    // The id is in the editor and the name's tooltip; its column is there for those who show it
    // (the header's context menu).
    m_view->setColumnHidden(CampaignListModel::Id, true);
    QHeaderView *header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](QPoint at) {
        QMenu menu(header);
        for (int column = 0; column < m_proxy->columnCount(); ++column) {
            QAction *shown = menu.addAction(m_proxy->headerData(column, Qt::Horizontal).toString());
            shown->setCheckable(true);
            shown->setChecked(!m_view->isColumnHidden(column));
            shown->setEnabled(column != CampaignListModel::Name);
            connect(shown, &QAction::toggled, m_view,
                    [this, column](bool on) { m_view->setColumnHidden(column, !on); });
        }
        menu.exec(header->mapToGlobal(at));
    });
    m_listStack->addWidget(m_view);
    auto *empty = new QWidget(m_listStack);
    auto *emptyLayout = new QVBoxLayout(empty);
    auto *emptyText = new QLabel(
        tr("No campaigns yet. Import a remise/1 file or create a campaign; nothing reaches your "
           "shop until you publish."),
        empty);
    emptyText->setObjectName(u"campaignsEmpty"_s);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    auto *emptyNew = new QPushButton(tr("Create a campaign"), empty);
    auto *emptyImport = new QPushButton(tr("Import a file…"), empty);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyText);
    auto *emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch();
    emptyButtons->addWidget(emptyNew);
    emptyButtons->addWidget(emptyImport);
    emptyButtons->addStretch();
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch();
    m_listStack->addWidget(empty);
    m_timeline = new CampaignTimeline(m_listSplitter);

    // --- the editor pane
    m_editorPane = new QWidget(m_splitter);
    auto *editorLayout = new QVBoxLayout(m_editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    auto *conflictBox = new QWidget(m_editorPane);
    auto *conflictLayout = new QHBoxLayout(conflictBox);
    conflictLayout->setContentsMargins(0, 0, 0, 0);
    m_conflict = new QLabel(conflictBox);
    m_conflict->setObjectName(u"campaignConflict"_s);
    m_conflict->setWordWrap(true);
    m_keepMine = new QPushButton(tr("Keep my version"), conflictBox);
    m_takeLive = new QPushButton(tr("Use the live version"), conflictBox);
    conflictLayout->addWidget(m_conflict, 1);
    conflictLayout->addWidget(m_keepMine);
    conflictLayout->addWidget(m_takeLive);
    conflictBox->hide();
    editorLayout->addWidget(conflictBox);
    auto *scroll = new QScrollArea(m_editorPane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_editor = new CampaignEditor(scroll);
    scroll->setWidget(m_editor);
    editorLayout->addWidget(scroll, 1);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    buildActions();
    for (QAction *a : {m_new, m_duplicate, m_pause, m_archive})
        toolbar->addAction(a);
    toolbar->addSeparator();
    for (QAction *a : {m_save, m_revert, m_undoAction, m_redoAction})
        toolbar->addAction(a);
    toolbar->addSeparator();
    for (QAction *a : {m_import, m_export})
        toolbar->addAction(a);
    toolbar->addSeparator();
    toolbar->addAction(m_publish);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString key = current.data(CampaignListModel::KeyRole).toString();
                if (key != m_key)
                    load(key);
            });
    connect(emptyNew, &QPushButton::clicked, m_new, &QAction::trigger);
    connect(emptyImport, &QPushButton::clicked, m_import, &QAction::trigger);
    connect(m_editor, &CampaignEditor::edited, this, &CampaignsPage::edited);
    connect(m_keepMine, &QPushButton::clicked, this, [this] {
        if (auto kept = m_draft->keepMine(campaignKind, m_key); !kept)
            showBanner(kept.error().describe());
        reload();
    });
    connect(m_takeLive, &QPushButton::clicked, this, [this] {
        if (auto gone = m_draft->discard(campaignKind, m_key); !gone)
            showBanner(gone.error().describe());
        const QString key = m_key;
        m_key.clear();
        reload();
        select(key);
    });

    setEditorPane(m_editorPane);

    QSettings settings;
    m_view->horizontalHeader()->restoreState(settings.value(u"campaigns/columns"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"campaigns/splitter"_s).toByteArray());
    m_listSplitter->restoreState(settings.value(u"campaigns/listSplitter"_s).toByteArray());

    reload();
}

CampaignsPage::~CampaignsPage()
{
    flushWorking();
    QSettings settings;
    settings.setValue(u"campaigns/columns"_s, m_view->horizontalHeader()->saveState());
    settings.setValue(u"campaigns/splitter"_s, m_splitter->saveState());
    settings.setValue(u"campaigns/listSplitter"_s, m_listSplitter->saveState());
}

void CampaignsPage::buildActions()
{
    const auto make = [this](const QString &text, const QString &icon, const QKeySequence &keys,
                             auto slot) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_new =
        make(tr("&New campaign"), u"document-new"_s, QKeySequence::New, [this] { newCampaign(); });
    m_duplicate = make(tr("&Duplicate"), u"edit-copy"_s, QKeySequence(tr("Ctrl+D")),
                       [this] { duplicateCurrent(); });
    m_pause = make(tr("&Pause"), u"media-playback-pause"_s, {}, [this] {
        setStatus(m_editor->campaign().value(u"status").toString() == u"paused" ? u"active"_s
                                                                                : u"paused"_s);
    });
    m_archive = make(tr("&Archive"), u"archive-insert"_s, {}, [this] { setStatus(u"archived"_s); });
    m_save = make(tr("&Save to draft"), u"document-save"_s, QKeySequence::Save,
                  [this] { saveCurrent(); });
    m_revert = make(tr("&Revert"), u"document-revert"_s, {}, [this] { revertCurrent(); });
    m_import = make(tr("&Import…"), u"document-import"_s, {}, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import campaigns"), {}, tr("Campaign files (*.json);;All files (*)"));
        if (!path.isEmpty())
            (void)importFile(path);
    });
    m_export = make(tr("&Export…"), u"document-export"_s, {}, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export campaigns"), u"campaigns.json"_s, tr("Campaign files (*.json)"));
        if (path.isEmpty())
            return;
        if (auto written = exportFile(path); !written)
            showBanner(written.error().describe());
        else
            showBanner(tr("The draft's campaigns and segments were exported to %1.").arg(path));
    });
    m_publish = make(tr("&Publish…"), u"document-send"_s, {}, [this] { openPublish(); });
    m_publish->setToolTip(tr("Review the draft's changes and their impact, then make them live."));
}

void CampaignsPage::showBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void CampaignsPage::reload()
{
    flushWorking();
    if (auto loaded = m_draft->reload(); !loaded) {
        showBanner(loaded.error().describe());
        return;
    }
    rebuildModel();
    const QString key = m_key;
    m_key.clear();
    // The campaign being edited stays; otherwise the first one in the list is shown.
    if (!select(key)) {
        const QModelIndex first = m_proxy->index(0, 0);
        if (!first.isValid() || !select(first.data(CampaignListModel::KeyRole).toString()))
            load({});
    }
    updateActions();
}

void CampaignsPage::rebuildModel()
{
    const drafts::DraftBook &book = m_draft->book();
    const QJsonArray campaigns = book.document(true).value(u"campaigns").toArray();
    const QStringList keys = book.keys(campaignKind, true);
    // The same figures as `remise-server campaigns usage` (docs/cli.md).
    QHash<QString, QList<LimitUsage>> limitsOf;
    if (auto limits = m_context.store.limitUsage(m_context.clock.nowMs()))
        for (const LimitUsage &u : *limits)
            limitsOf[u.campaignId].append(u);
    QStringList conflicted;
    for (const drafts::Conflict &c : book.conflicts())
        if (c.kind == campaignKind)
            conflicted.append(c.key);
    QList<CampaignListModel::Row> rows;
    QList<CampaignTimeline::Bar> bars;
    for (qsizetype i = 0; i < campaigns.size(); ++i) {
        CampaignListModel::Row row;
        row.key = keys.value(i);
        row.object = campaigns.at(i).toObject();
        const DraftItem *item = book.item(campaignKind, row.key);
        using State = CampaignListModel::State;
        row.state = conflicted.contains(row.key) ? State::Conflict
                    : !item                      ? State::Published
                    : item->working              ? State::Unsaved
                    : !item->base                ? State::New
                                                 : State::Edited;
        for (const LimitUsage &u : limitsOf.value(row.object.value(u"id").toString())) {
            const CampaignListModel::Row::Spent spent{u.used, u.held + u.pending};
            if (u.limit == u"max_redemptions")
                row.redemptions = spent;
            else if (u.limit == u"budget")
                row.budget.insert(u.currency, spent);
        }
        rows.append(row);
        const QString status = row.object.value(u"status").toString();
        if (status != u"archived") {
            CampaignTimeline::Bar bar;
            bar.label = row.object.value(u"name").toString();
            if (auto t = campaignfile::parseTimestamp(row.object.value(u"starts_at").toString()))
                bar.start = *t;
            if (auto t = campaignfile::parseTimestamp(row.object.value(u"ends_at").toString()))
                bar.end = *t;
            bar.active = status == u"active";
            bars.append(bar);
        }
    }
    m_model->setRows(rows);
    m_timeline->setBars(bars, m_context.clock.now());
    m_listStack->setCurrentIndex(rows.isEmpty() ? 1 : 0);
}

bool CampaignsPage::select(const QString &key)
{
    const int row = key.isEmpty() ? -1 : m_model->rowOf(key);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_filter->clear();
        return select(key);
    }
    if (m_key == key)
        return true;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    if (m_key != key)
        load(key);
    return true;
}

void CampaignsPage::load(const QString &key)
{
    flushWorking();
    m_key = key;
    m_undo->clear();
    const QJsonArray segments = m_draft->book().document(true).value(u"segments").toArray();
    QList<std::pair<QString, QString>> list;
    for (const QJsonValue &s : segments)
        list.append({s.toObject().value(u"id").toString(), s.toObject().value(u"name").toString()});
    const QJsonObject object =
        key.isEmpty() ? QJsonObject() : m_draft->current(campaignKind, key).value_or(QJsonObject());
    m_editor->setCampaign(object);
    m_editor->setSegments(list);
    m_shown = m_editor->campaign();
    m_editorPane->setEnabled(!key.isEmpty());
    const DraftItem *item = m_draft->book().item(campaignKind, key);
    if (item && item->working && item->saved != item->working && !key.isEmpty())
        showBanner(tr("Unsaved changes to this campaign were kept from your last session. Save "
                      "them to the draft or revert them."));
    showConflict();
    validate();
    updateActions();
}

void CampaignsPage::showConflict()
{
    QString message;
    for (const drafts::Conflict &c : m_draft->book().conflicts())
        if (c.kind == campaignKind && c.key == m_key)
            message = c.message;
    m_conflict->setText(message.isEmpty()
                            ? QString()
                            : message + u' ' +
                                  tr("Keep your version to publish it over the live one, or use "
                                     "the live version and lose your edit."));
    m_conflict->parentWidget()->setVisible(!message.isEmpty());
}

void CampaignsPage::validate()
{
    if (m_key.isEmpty()) {
        m_editor->showProblems({}, u"$"_s);
        m_editor->showFindings({});
        m_valid = false;
        return;
    }
    const QJsonObject object = m_editor->campaign();
    const QList<Error> problems = m_draft->problems(campaignKind, m_key, object);
    const QString path = m_draft->pathOf(campaignKind, m_key);
    m_valid = m_editor->showProblems(problems, path) == 0;
    QStringList findings;
    if (auto rules = m_draft->rulesWith(campaignKind, m_key, object)) {
        const QString id = object.value(u"id").toString();
        for (const lint::Finding &f : lint::run(*rules, m_context.clock.nowMs()))
            if (f.subject == id)
                findings.append(f.message);
    }
    m_editor->showFindings(findings);
    m_save->setEnabled(m_valid);
}

void CampaignsPage::saveCurrent()
{
    DraftItemPage::saveCurrent(tr("The campaign was not saved: %1"));
}

QJsonObject CampaignsPage::formObject() const
{
    return m_editor->campaign();
}

void CampaignsPage::setFormObject(const QJsonObject &campaign)
{
    m_editor->setCampaign(campaign);
}

void CampaignsPage::formChanged()
{
    m_model->updateObject(m_key, m_shown, CampaignListModel::State::Unsaved);
    updateActions();
}

void CampaignsPage::newCampaign()
{
    flushWorking();
    const QString key = drafts::DraftSession::newKey();
    const QJsonObject object{
        {u"id"_s, QString()},
        {u"name"_s, QString()},
        {u"status"_s, u"draft"_s},
        {u"reward"_s, QJsonObject{{u"type"_s, u"percent_off"_s}, {u"percent"_s, 10}}}};
    if (auto kept = m_draft->keepWorking(campaignKind, key, object); !kept) {
        showBanner(kept.error().describe());
        return;
    }
    m_filter->clear();
    rebuildModel();
    select(key);
    m_editor->findChild<QLineEdit *>(u"campaignId"_s)->setFocus();
    emit draftChanged();
}

void CampaignsPage::duplicateCurrent()
{
    if (m_key.isEmpty())
        return;
    flushWorking();
    QJsonObject object = m_editor->campaign();
    QStringList ids;
    for (const auto &row : m_model->rows())
        ids.append(row.object.value(u"id").toString());
    const QString base = object.value(u"id").toString();
    QString id = base + u"-copy"_s;
    for (int n = 2; ids.contains(id); ++n)
        id = u"%1-copy-%2"_s.arg(base).arg(n);
    object.insert(u"id"_s, id);
    object.insert(u"name"_s, tr("%1 (copy)").arg(object.value(u"name").toString()));
    object.insert(u"status"_s, u"draft"_s);
    const QString key = drafts::DraftSession::newKey();
    if (auto kept = m_draft->keepWorking(campaignKind, key, object); !kept) {
        showBanner(kept.error().describe());
        return;
    }
    m_filter->clear();
    rebuildModel();
    select(key);
    emit draftChanged();
}

void CampaignsPage::setStatus(const QString &status)
{
    if (m_key.isEmpty())
        return;
    auto *box = m_editor->findChild<QComboBox *>(u"campaignStatus"_s);
    box->setCurrentIndex(box->findData(status)); // an edit like any other (undoable)
    if (m_valid)
        saveCurrent();
}

Status CampaignsPage::importFile(const QString &path)
{
    flushWorking();
    auto rules = campaignfile::load(path);
    if (!rules) {
        showBanner(tr("Nothing was imported from %1:").arg(path) + u"\n"_s +
                   rules.error().describe());
        return fail(rules.error());
    }
    if (auto replaced = m_draft->replaceWith(*rules); !replaced) {
        showBanner(replaced.error().describe());
        return replaced;
    }
    m_key.clear();
    reload();
    showBanner(tr("Imported %1 into the draft: %n campaign(s). Review and publish them to make "
                  "them live.",
                  nullptr, int(rules->campaigns.size()))
                   .arg(path));
    emit draftChanged();
    return {};
}

Status CampaignsPage::exportFile(const QString &path)
{
    flushWorking();
    auto rules = m_draft->book().rules();
    if (!rules)
        return fail(rules.error());
    const QByteArray bytes = campaignfile::write(*rules);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(errc::io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void CampaignsPage::updateActions()
{
    const bool has = !m_key.isEmpty();
    for (QAction *a : {m_duplicate, m_pause, m_archive, m_revert})
        a->setEnabled(has);
    m_save->setEnabled(has && m_valid);
    m_pause->setText(has && m_editor->campaign().value(u"status").toString() == u"paused"
                         ? tr("&Resume")
                         : tr("&Pause"));
    m_publish->setEnabled(m_draft->book().hasChanges());
}

} // namespace remise::ui

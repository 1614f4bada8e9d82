#include "segmentspage.h"

#include "campaignfile.h"
#include "clock.h"
#include "drafts/publishdialog.h"
#include "drafts/snapshotcommand.h"
#include "draftsession.h"
#include "engine.h"
#include "segment.h"
#include "store.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace remise::ui {

namespace {

constexpr auto segmentKind = DraftItem::Kind::Segment;

CustomerContext contextOf(const CustomerProfile &profile)
{
    SessionSnapshot session;
    session.customerId = profile.id;
    session.customerEmail = profile.email;
    return CustomerContext::build(session, profile);
}

} // namespace

// --- the page -----------------------------------------------------------------------------------

SegmentsPage::SegmentsPage(AppContext &context, QWidget *parent)
    : DraftItemPage(context, segmentKind, parent)
    , m_model(new SegmentListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"segmentsPage"_s);
    auto *layout = new QVBoxLayout(this);
    auto *toolbar = new QToolBar(tr("Segment actions"), this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(toolbar);
    m_message = new QLabel(this);
    m_message->setObjectName(u"segmentsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setFrameShape(QFrame::StyledPanel);
    m_message->hide();
    layout->addWidget(m_message);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter, 1);

    auto *listPane = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(listPane);
    m_filter->setPlaceholderText(tr("Filter segments (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter segments"));
    m_filter->setClearButtonEnabled(true);
    listLayout->addWidget(m_filter);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(Qt::EditRole);
    m_view = new QTableView(listPane);
    m_view->setObjectName(u"segmentsView"_s);
    m_view->setAccessibleName(tr("Segments"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    listLayout->addWidget(m_view, 1);
    auto *empty = new QLabel(tr("No segments yet. Create one to target customers by loyalty "
                                "tier, spend, country, tags or metadata."),
                             listPane);
    empty->setObjectName(u"segmentsEmpty"_s);
    empty->setWordWrap(true);
    listLayout->addWidget(empty);

    m_editorPane = new QWidget(splitter);
    auto *scroll = new QScrollArea(m_editorPane);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *paneLayout = new QVBoxLayout(m_editorPane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->addWidget(scroll);
    auto *form = new QWidget(scroll);
    scroll->setWidget(form);
    auto *formLayout = new QFormLayout(form);
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    formLayout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_problems = new QLabel(form);
    m_problems->setObjectName(u"segmentProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
    formLayout->addRow(m_problems);
    m_id = new QLineEdit(form);
    m_id->setObjectName(u"segmentId"_s);
    m_id->setAccessibleName(tr("Segment id"));
    formLayout->addRow(tr("&Id"), m_id);
    m_name = new QLineEdit(form);
    m_name->setObjectName(u"segmentName"_s);
    m_name->setAccessibleName(tr("Segment name"));
    formLayout->addRow(tr("&Name"), m_name);
    m_match = new QComboBox(form);
    m_match->setObjectName(u"segmentMatch"_s);
    m_match->setAccessibleName(tr("How the rules combine"));
    m_match->addItem(tr("Every rule must hold"), u"all"_s);
    m_match->addItem(tr("One rule is enough"), u"any"_s);
    formLayout->addRow(tr("&Match"), m_match);
    m_rules = new RulesEdit(form);
    formLayout->addRow(tr("Rules"), m_rules);
    m_currency = new QComboBox(form);
    m_currency->setAccessibleName(tr("Currency of lifetime spend"));
    m_currency->addItems({u"eur"_s, u"usd"_s, u"gbp"_s, u"jpy"_s});
    m_currency->setEditable(true);
    formLayout->addRow(tr("Spend counted in"), m_currency);
    m_count = new QLabel(form);
    m_count->setObjectName(u"segmentCount"_s);
    m_count->setWordWrap(true);
    formLayout->addRow(tr("Local customers"), m_count);
    m_testCustomer = new QComboBox(form);
    m_testCustomer->setObjectName(u"testCustomer"_s);
    m_testCustomer->setAccessibleName(tr("Customer to test"));
    m_testResult = new QLabel(form);
    m_testResult->setObjectName(u"testResult"_s);
    m_testResult->setWordWrap(true);
    formLayout->addRow(tr("Test a customer"), m_testCustomer);
    formLayout->addRow(QString(), m_testResult);
    // The list and the form share the width (the form's size hint alone would take most).
    splitter->setSizes({1, 1});

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
        make(tr("&New segment"), u"document-new"_s, QKeySequence::New, [this] { newSegment(); });
    m_save = make(tr("&Save to draft"), u"document-save"_s, QKeySequence::Save,
                  [this] { saveCurrent(tr("The segment was not saved: %1")); });
    m_revert = make(tr("&Revert"), u"document-revert"_s, {}, [this] { revertCurrent(); });
    m_delete = make(tr("&Delete"), u"edit-delete"_s, {}, [this] { deleteCurrent(); });
    m_publish = make(tr("&Publish…"), u"document-send"_s, {}, [this] { openPublish(); });
    for (QAction *a : {m_new, m_delete})
        toolbar->addAction(a);
    toolbar->addSeparator();
    for (QAction *a : {m_save, m_revert, m_undoAction, m_redoAction})
        toolbar->addAction(a);
    toolbar->addSeparator();
    toolbar->addAction(m_publish);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_filter, [this] { m_filter->setFocus(); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString key = current.data(SegmentListModel::KeyRole).toString();
                if (key != m_key)
                    load(key);
            });
    connect(m_id, &QLineEdit::textEdited, this, [this] { edited(u"id"_s); });
    connect(m_name, &QLineEdit::textEdited, this, [this] { edited(u"name"_s); });
    connect(m_match, &QComboBox::currentIndexChanged, this, [this] { edited(u"match"_s); });
    connect(m_rules, &RulesEdit::changed, this, &SegmentsPage::edited);
    connect(m_currency, &QComboBox::currentTextChanged, this, [this] { validate(); });
    connect(m_testCustomer, &QComboBox::currentIndexChanged, this, [this] { updateTest(); });
    setEditorPane(m_editorPane);

    QSettings settings;
    m_view->horizontalHeader()->restoreState(settings.value(u"segments/header"_s).toByteArray());
    reload();
}

SegmentsPage::~SegmentsPage()
{
    flushWorking();
    QSettings().setValue(u"segments/header"_s, m_view->horizontalHeader()->saveState());
}

void SegmentsPage::showBanner(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void SegmentsPage::reload()
{
    flushWorking();
    if (auto loaded = m_draft->reload(); !loaded)
        return showBanner(loaded.error().describe());
    if (auto customers = m_context.store.customers())
        m_customers = *customers;
    {
        const QSignalBlocker blocker(m_testCustomer);
        const QString current = m_testCustomer->currentData().toString();
        m_testCustomer->clear();
        for (int i = 0; i < m_customers.size(); ++i) {
            const CustomerProfile &p = m_customers[i];
            m_testCustomer->addItem(p.email.isEmpty() ? p.id : p.email, i);
        }
        m_testCustomer->setCurrentIndex(std::max(0, m_testCustomer->findData(current)));
    }
    rebuildModel();
    const QString key = m_key;
    m_key.clear();
    if (!select(key)) {
        const QModelIndex first = m_proxy->index(0, 0);
        if (!first.isValid() || !select(first.data(SegmentListModel::KeyRole).toString()))
            load({});
    }
}

void SegmentsPage::rebuildModel()
{
    const drafts::DraftBook &book = m_draft->book();
    const QJsonArray segments = book.document(true).value(u"segments").toArray();
    const QStringList keys = book.keys(segmentKind, true);
    QList<SegmentListModel::Row> rows;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        SegmentListModel::Row row;
        row.key = keys.value(i);
        row.object = segments.at(i).toObject();
        const DraftItem *item = book.item(segmentKind, row.key);
        row.state = !item           ? tr("Published")
                    : item->working ? tr("Unsaved changes")
                    : !item->base   ? tr("New in the draft")
                                    : tr("Changed in the draft");
        if (auto segment = campaignfile::parseSegment(row.object)) {
            const Engine engine(CampaignSet{{*segment}, {}});
            row.matching = 0;
            for (const CustomerProfile &p : std::as_const(m_customers))
                if (engine.segmentMatches(segment->id, contextOf(p), m_currency->currentText()))
                    ++row.matching;
        }
        rows.append(row);
    }
    m_model->setRows(rows);
    m_view->resizeColumnsToContents();
    findChild<QLabel *>(u"segmentsEmpty"_s)->setVisible(rows.isEmpty());
    m_publish->setEnabled(book.hasChanges());
}

bool SegmentsPage::select(const QString &key)
{
    const int row = key.isEmpty() ? -1 : m_model->rowOf(key);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_filter->clear();
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    if (m_key != key)
        load(key);
    return true;
}

void SegmentsPage::setFormObject(const QJsonObject &segment)
{
    m_loading = true;
    m_id->setText(segment.value(u"id").toString());
    m_name->setText(segment.value(u"name").toString());
    m_match->setCurrentIndex(segment.value(u"match").toString() == u"any" ? 1 : 0);
    m_rules->setRules(segment.value(u"rules").toArray());
    m_loading = false;
}

QJsonObject SegmentsPage::segment() const
{
    return QJsonObject{{u"id"_s, m_id->text().trimmed()},
                       {u"name"_s, m_name->text()},
                       {u"match"_s, m_match->currentData().toString()},
                       {u"rules"_s, m_rules->rules()}};
}

void SegmentsPage::load(const QString &key)
{
    flushWorking();
    m_key = key;
    m_undo->clear();
    setFormObject(key.isEmpty() ? QJsonObject()
                                : m_draft->current(segmentKind, key).value_or(QJsonObject()));
    m_shown = segment();
    m_editorPane->setEnabled(!key.isEmpty());
    validate();
}

void SegmentsPage::validate()
{
    m_matching = -1;
    if (m_key.isEmpty()) {
        m_problems->hide();
        m_count->clear();
        m_testResult->clear();
        m_save->setEnabled(false);
        m_revert->setEnabled(false);
        m_delete->setEnabled(false);
        return;
    }
    const QJsonObject object = segment();
    const QString path = m_draft->pathOf(segmentKind, m_key);
    QStringList mine;
    for (const Error &e : m_draft->problems(segmentKind, m_key, object)) {
        const QString rest = e.path.mid(path.size());
        if (e.path.startsWith(path) &&
            (rest.isEmpty() || rest.front() == u'.' || rest.front() == u'['))
            mine.append(e.describe());
    }
    // Problems a segment's own checks find (a rule with an impossible value), by path.
    if (auto parsed = campaignfile::parseSegment(object, path); !parsed)
        for (const Error &e : drafts::problems(parsed.error()))
            if (!mine.contains(e.describe()))
                mine.append(e.describe());
    m_problems->setText(mine.join(u'\n'));
    m_problems->setVisible(!mine.isEmpty());
    m_save->setEnabled(mine.isEmpty());
    m_revert->setEnabled(true);
    m_delete->setEnabled(true);
    if (auto parsed = campaignfile::parseSegment(object)) {
        const Engine engine(CampaignSet{{*parsed}, {}});
        m_matching = 0;
        for (const CustomerProfile &p : std::as_const(m_customers))
            if (engine.segmentMatches(parsed->id, contextOf(p), m_currency->currentText()))
                ++m_matching;
        m_count->setText(tr("%1 of %n local customer(s) match.", nullptr, int(m_customers.size()))
                             .arg(QLocale().toString(m_matching)));
    } else {
        m_count->setText(tr("Fix the rules to count the customers who match."));
    }
    updateTest();
}

void SegmentsPage::updateTest()
{
    const int index = m_testCustomer->currentData().toInt();
    if (m_key.isEmpty() || m_customers.isEmpty() || index < 0 || index >= m_customers.size()) {
        m_testResult->setText(m_customers.isEmpty()
                                  ? tr("Import customers on the Customers page to test them here.")
                                  : QString());
        return;
    }
    const CustomerProfile &p = m_customers.at(index);
    const QString who = p.email.isEmpty() ? p.id : p.email;
    auto parsed = campaignfile::parseSegment(segment());
    if (!parsed) {
        m_testResult->setText(tr("Fix the rules to test %1.").arg(who));
        return;
    }
    const Engine engine(CampaignSet{{*parsed}, {}});
    m_testResult->setText(engine.segmentMatches(parsed->id, contextOf(p), m_currency->currentText())
                              ? tr("%1 matches this segment.").arg(who)
                              : tr("%1 does not match this segment.").arg(who));
}

void SegmentsPage::newSegment()
{
    flushWorking();
    const QString key = drafts::DraftSession::newKey();
    if (auto kept = m_draft->keepWorking(segmentKind, key,
                                         QJsonObject{{u"id"_s, QString()},
                                                     {u"name"_s, QString()},
                                                     {u"match"_s, u"all"_s},
                                                     {u"rules"_s, QJsonArray()}});
        !kept)
        return showBanner(kept.error().describe());
    m_filter->clear();
    rebuildModel();
    select(key);
    m_id->setFocus();
    emit draftChanged();
}

void SegmentsPage::deleteCurrent()
{
    if (m_key.isEmpty())
        return;
    m_autosave->stop();
    m_dirty = false;
    if (auto removed = m_draft->remove(segmentKind, m_key); !removed)
        return showBanner(removed.error().describe());
    m_key.clear();
    reload();
    showBanner(tr("The segment is deleted in the draft; publish to delete it for good."));
    emit draftChanged();
}

} // namespace remise::ui

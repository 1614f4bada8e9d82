#include "campaignstimeline.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace remise::ui {

CampaignTimeline::CampaignTimeline(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Timeline of campaign schedules"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void CampaignTimeline::setBars(QList<Bar> bars, const QDateTime &now)
{
    m_bars = std::move(bars);
    m_now = now;
    updateGeometry();
    update();
}

QSize CampaignTimeline::sizeHint() const
{
    const int line = fontMetrics().height() + 6;
    return {400, line * int(std::max<qsizetype>(m_bars.size(), 1) + 1) + 8};
}

QSize CampaignTimeline::minimumSizeHint() const
{
    return {200, (fontMetrics().height() + 6) * 2};
}

void CampaignTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height() + 6;
    if (m_bars.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Campaigns with a schedule appear here."));
        return;
    }
    // The axis spans every known time and now, with a margin; open ends run to the edge.
    qint64 lo = m_now.toMSecsSinceEpoch(), hi = lo;
    for (const Bar &b : m_bars) {
        for (const QDateTime &t : {b.start, b.end}) {
            if (t.isValid()) {
                lo = std::min(lo, t.toMSecsSinceEpoch());
                hi = std::max(hi, t.toMSecsSinceEpoch());
            }
        }
    }
    const qint64 day = 86'400'000;
    const qint64 margin = std::max<qint64>((hi - lo) / 10, day);
    lo -= margin;
    hi += margin;
    int labelWidth = 0;
    for (const Bar &b : m_bars)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(b.label));
    labelWidth = std::min(labelWidth + 12, width() / 3);
    const int left = labelWidth, right = width() - 8;
    const auto x = [&](qint64 ms) {
        return left + int(double(ms - lo) / double(hi - lo) * (right - left));
    };
    // Axis labels: the start, the middle and the end dates.
    p.setPen(pal.color(QPalette::WindowText));
    const QLocale locale;
    for (const qint64 ms : {lo, (lo + hi) / 2, hi}) {
        const QString text =
            locale.toString(QDateTime::fromMSecsSinceEpoch(ms).date(), QLocale::ShortFormat);
        const int tx = std::clamp(x(ms) - fm.horizontalAdvance(text) / 2, left,
                                  right - fm.horizontalAdvance(text));
        p.drawText(tx, fm.ascent() + 2, text);
    }
    int y = line;
    for (const Bar &b : m_bars) {
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(0, y, labelWidth - 6, line), Qt::AlignVCenter | Qt::AlignRight,
                   fm.elidedText(b.label, Qt::ElideRight, labelWidth - 6));
        const int x0 = b.start.isValid() ? x(b.start.toMSecsSinceEpoch()) : left;
        const int x1 = b.end.isValid() ? x(b.end.toMSecsSinceEpoch()) : right;
        const QRect bar(x0, y + 3, std::max(x1 - x0, 2), line - 6);
        p.setPen(Qt::NoPen);
        p.setBrush(b.active ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
        p.drawRoundedRect(bar, 3, 3);
        y += line;
    }
    p.setPen(QPen(pal.color(QPalette::Link), 1, Qt::DashLine));
    const int nx = x(m_now.toMSecsSinceEpoch());
    p.drawLine(nx, line - 2, nx, y);
}

} // namespace remise::ui

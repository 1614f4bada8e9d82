#include "text.h"

#include <QList>

namespace remise::text {

namespace {

// Extended grapheme clusters (Unicode UAX #29). Qt 6.4's QTextBoundaryFinder gets them wrong in
// context: in "a😀🇫🇷" it breaks between the flag's two regional indicators, and it splits
// emoji ZWJ sequences that follow another one (docs/decisions.md). So the rules are applied
// here, from the character properties QChar knows plus the ranges it does not.

enum class Gcb { Other, CR, LF, Control, Extend, ZWJ, SpacingMark, RI, L, V, T, LV, LVT, Pict };

bool isExtendedPictographic(char32_t c)
{
    // Extended_Pictographic (emoji-data.txt), as ranges; a superset is harmless here since
    // only "pictographic, ZWJ, pictographic" sequences depend on it.
    return c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 ||
           (c >= 0x2194 && c <= 0x2199) || (c >= 0x21A9 && c <= 0x21AA) ||
           (c >= 0x231A && c <= 0x231B) || c == 0x2328 || c == 0x2388 || c == 0x23CF ||
           (c >= 0x23E9 && c <= 0x23F3) || (c >= 0x23F8 && c <= 0x23FA) || c == 0x24C2 ||
           (c >= 0x25AA && c <= 0x25AB) || c == 0x25B6 || c == 0x25C0 ||
           (c >= 0x25FB && c <= 0x25FE) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2934 && c <= 0x2935) || (c >= 0x2B05 && c <= 0x2B07) ||
           (c >= 0x2B1B && c <= 0x2B1C) || c == 0x2B50 || c == 0x2B55 || c == 0x3030 ||
           c == 0x303D || c == 0x3297 || c == 0x3299 ||
           (c >= 0x1F000 && c <= 0x1FAFF && !(c >= 0x1F1E6 && c <= 0x1F1FF) &&
            !(c >= 0x1F3FB && c <= 0x1F3FF)) ||
           (c >= 0x1FC00 && c <= 0x1FFFD);
}

Gcb property(char32_t c)
{
    if (c == 0x0D)
        return Gcb::CR;
    if (c == 0x0A)
        return Gcb::LF;
    if (c == 0x200D)
        return Gcb::ZWJ;
    if (c == 0x200C || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F))
        return Gcb::Extend; // ZWNJ, emoji skin tones, tag characters
    if (c >= 0x1F1E6 && c <= 0x1F1FF)
        return Gcb::RI;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97C))
        return Gcb::L;
    if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6))
        return Gcb::V;
    if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB))
        return Gcb::T;
    if (c >= 0xAC00 && c <= 0xD7A3)
        return (c - 0xAC00) % 28 == 0 ? Gcb::LV : Gcb::LVT;
    if (isExtendedPictographic(c))
        return Gcb::Pict;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
        return Gcb::Extend;
    case QChar::Mark_SpacingCombining:
        return Gcb::SpacingMark;
    case QChar::Other_Control:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Surrogate: // a lone surrogate
        return Gcb::Control;
    case QChar::Other_Format:
        // Prepended concatenation marks are not controls (they join what follows).
        return (c >= 0x0600 && c <= 0x0605) || c == 0x06DD || c == 0x070F || c == 0x0890 ||
                       c == 0x0891 || c == 0x08E2 || c == 0x110BD || c == 0x110CD
                   ? Gcb::Other
                   : Gcb::Control;
    default:
        return Gcb::Other;
    }
}

// The code points of `s` with their UTF-16 offsets (a lone surrogate is one code point).
struct CodePoints
{
    QList<char32_t> points;
    QList<qsizetype> offsets;
};

CodePoints decodeUpTo(QStringView s, qsizetype maxPoints)
{
    CodePoints out;
    qsizetype i = 0;
    while (i < s.size() && out.points.size() < maxPoints) {
        out.offsets.append(i);
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            out.points.append(QChar::surrogateToUcs4(s.at(i), s.at(i + 1)));
            i += 2;
        } else {
            out.points.append(s.at(i).unicode());
            ++i;
        }
    }
    out.offsets.append(i);
    return out;
}

// Is there a grapheme-cluster boundary before code point `k` (0 < k < size)?
bool breakBefore(const QList<Gcb> &p, qsizetype k)
{
    const Gcb before = p.at(k - 1);
    const Gcb after = p.at(k);
    if (before == Gcb::CR && after == Gcb::LF)
        return false; // GB3
    if (before == Gcb::CR || before == Gcb::LF || before == Gcb::Control)
        return true; // GB4
    if (after == Gcb::CR || after == Gcb::LF || after == Gcb::Control)
        return true; // GB5
    if (before == Gcb::L &&
        (after == Gcb::L || after == Gcb::V || after == Gcb::LV || after == Gcb::LVT))
        return false; // GB6
    if ((before == Gcb::LV || before == Gcb::V) && (after == Gcb::V || after == Gcb::T))
        return false; // GB7
    if ((before == Gcb::LVT || before == Gcb::T) && after == Gcb::T)
        return false; // GB8
    if (after == Gcb::Extend || after == Gcb::ZWJ || after == Gcb::SpacingMark)
        return false;                               // GB9, GB9a
    if (before == Gcb::ZWJ && after == Gcb::Pict) { // GB11: Pict Extend* ZWJ × Pict
        qsizetype j = k - 2;
        while (j >= 0 && p.at(j) == Gcb::Extend)
            --j;
        if (j >= 0 && p.at(j) == Gcb::Pict)
            return false;
    }
    if (before == Gcb::RI && after == Gcb::RI) { // GB12, GB13: flags are pairs
        qsizetype run = 0;
        for (qsizetype j = k - 1; j >= 0 && p.at(j) == Gcb::RI; --j)
            ++run;
        return run % 2 == 0;
    }
    return true; // GB999
}

} // namespace

qsizetype codePoints(QStringView s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i, ++n)
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
    return n;
}

bool isGraphemeBoundary(QStringView s, qsizetype position)
{
    if (position <= 0 || position >= s.size())
        return position == 0 || position == s.size();
    if (s.at(position).isLowSurrogate() && s.at(position - 1).isHighSurrogate())
        return false; // inside a surrogate pair
    // Only what precedes matters (and the code point after): decode up to `position` + 1.
    const CodePoints cps = decodeUpTo(s, codePoints(s.first(position)) + 1);
    QList<Gcb> props;
    props.reserve(cps.points.size());
    for (const char32_t c : cps.points)
        props.append(property(c));
    return breakBefore(props, cps.points.size() - 1);
}

QString cut(QStringView s, qsizetype limit)
{
    if (limit <= 0)
        return {};
    // The first limit + 1 code points decide the cut.
    const CodePoints cps = decodeUpTo(s, limit + 1);
    if (cps.points.size() <= limit)
        return s.toString();
    QList<Gcb> props;
    props.reserve(cps.points.size());
    for (const char32_t c : cps.points)
        props.append(property(c));
    qsizetype k = limit; // cut before code point k, or fall back to the previous boundary
    while (k > 0 && !breakBefore(props, k))
        --k;
    return s.first(cps.offsets.at(k)).toString();
}

QString ellipsize(QStringView s, qsizetype limit)
{
    if (limit <= 0)
        return {};
    if (decodeUpTo(s, limit + 1).points.size() <= limit)
        return s.toString();
    return cut(s, limit - 1) + QChar(0x2026);
}

} // namespace remise::text

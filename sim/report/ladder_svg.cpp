// The ladder as SVG (sim/report/ladder.hpp): columns as vertical lines, rows stacked downwards.
#include <fmt/format.h>

#include "sim/report/ladder.hpp"
#include "sim/report/markup.hpp"

namespace vpnsim::report {
namespace {

constexpr int kLeft = 96;     // the time labels' margin
constexpr int kColumn = 230;  // between column lines
constexpr int kTop = 48;      // the column headers
constexpr int kRow = 24;
constexpr int kGapRow = 18;
constexpr int kSlant = 8;  // an arrow falls this much: time runs downwards

int column_x(int col) {
    return kLeft + kColumn / 2 + col * kColumn;
}

// The styles the standalone SVG carries (the HTML page has the same rules in its own sheet).
constexpr const char* kSvgStyle = R"(
text{font:11px sans-serif;fill:#222}.t{fill:#666;text-anchor:end}.col{stroke:#999;stroke-width:1}
.head{font-weight:bold;text-anchor:middle}.lbl{text-anchor:middle}
.ike line{stroke:#1f5fbf}.bgp line{stroke:#178a3c}.tcp line{stroke:#0f8a8a}
.probe line{stroke:#7a3fbf}.natt line{stroke:#999}.pkt line{stroke-width:1.5}
.dropped line{stroke:#c62828;stroke-dasharray:5 3}.x{stroke:#c62828;stroke-width:2.5}
.inflight line{stroke-dasharray:2 3}.gap line{stroke:#bbb;stroke-dasharray:2 4}
.timer circle{fill:#f9a825}.state rect{fill:#e3ecfa;stroke:#1f5fbf}
.drop .x{stroke:#c62828}.mark text{font-size:10px}
)";

void row_open(std::string& out, const LadderRow& r, int y, std::string_view cls) {
    fmt::format_to(std::back_inserter(out), R"(<g class="row {} {}" data-t="{}")", cls, r.css,
                   seconds(r.t));
    if (r.trip) fmt::format_to(std::back_inserter(out), R"( data-trip="{}")", *r.trip);
    if (!r.records.empty()) {
        out += R"( data-rec=")";
        for (std::size_t i = 0; i < r.records.size(); ++i) {
            fmt::format_to(std::back_inserter(out), "{}{}", i == 0 ? "" : " ", r.records[i]);
        }
        out += '"';
    }
    fmt::format_to(std::back_inserter(out), R"~( transform="translate(0,{})">)~", y);
    fmt::format_to(std::back_inserter(out), R"(<text class="t" x="{}" y="4">{}s</text>)", kLeft - 6,
                   seconds(r.t));
}

void cross(std::string& out, int x, int y) {
    fmt::format_to(std::back_inserter(out), R"(<path class="x" d="M{} {}l8 8m0 -8l-8 8"/>)", x - 4,
                   y - 4);
}

void packet_row(std::string& out, const LadderRow& r, int y, int tunnel) {
    std::string cls = "pkt";
    if (r.dropped) cls += " dropped";
    if (r.in_flight) cls += " inflight";
    row_open(out, r, y, cls);
    const int x1 = column_x(r.from);
    int x2 = column_x(r.to);
    if (r.dropped) x2 += x2 > x1 ? -6 : 6;
    fmt::format_to(std::back_inserter(out), R"(<line x1="{}" y1="0" x2="{}" y2="{}"{}/>)", x1, x2,
                   kSlant,
                   r.dropped ? "" : fmt::format(R"~( marker-end="url(#arrow{})")~", tunnel));
    for (const int col : r.crossed) {
        const int x = column_x(col);
        const int yy = x2 == x1 ? 0 : kSlant * (x - x1) / (x2 - x1);
        fmt::format_to(std::back_inserter(out), R"(<circle cx="{}" cy="{}" r="2.5"/>)", x, yy);
    }
    if (r.dropped) cross(out, column_x(r.to), kSlant);
    std::string label = r.label;
    if (r.dropped) label += " \u2716 " + r.reason;
    out += fmt::format(R"(<text class="lbl" x="{}" y="-3">)", (x1 + column_x(r.to)) / 2);
    append_escaped(out, label);
    out += "</text></g>\n";
}

void mark_row(std::string& out, const LadderRow& r, int y) {
    row_open(out, r, y, "mark");
    const int x = column_x(r.from);
    if (r.kind == LadderRow::Kind::Timer) {
        fmt::format_to(std::back_inserter(out), R"(<circle cx="{}" cy="0" r="5"/>)", x);
    } else if (r.kind == LadderRow::Kind::Drop) {
        cross(out, x, 0);
    } else {
        fmt::format_to(std::back_inserter(out),
                       R"(<rect x="{}" y="-5" width="10" height="10" rx="2"/>)", x - 5);
    }
    fmt::format_to(std::back_inserter(out), R"(<text x="{}" y="4">)", x + 10);
    append_escaped(out, r.label);
    out += "</text></g>\n";
}

}  // namespace

std::string ladder_svg(const Ladder& l, bool standalone) {
    // Rows first: their height gives the columns' length.
    std::string rows;
    int y = kTop + 16;
    SimTime last{};
    bool first = true;
    for (const auto& r : l.rows) {
        if (!first && r.t - last > std::chrono::duration_cast<SimTime>(
                                       std::chrono::duration<double>(kGapSeconds))) {
            fmt::format_to(std::back_inserter(rows),
                           R"~(<g class="row gap" data-t="{}" transform="translate(0,{})">)~"
                           R"(<line x1="{}" y1="0" x2="{}" y2="0"/>)"
                           R"(<text class="t" x="{}" y="4">+{}s</text></g>)"
                           "\n",
                           seconds(r.t), y - kRow / 2 + kGapRow / 2, kLeft,
                           kLeft + kColumn * static_cast<int>(l.columns.size()), kLeft - 6,
                           seconds(r.t - last));
            y += kGapRow;
        }
        first = false;
        last = r.t;
        if (r.kind == LadderRow::Kind::Packet) {
            packet_row(rows, r, y, l.tunnel);
        } else {
            mark_row(rows, r, y);
        }
        y += kRow;
    }
    // Room on the right for the marks' labels on the last column.
    const int width = kLeft + kColumn * static_cast<int>(l.columns.size()) + 160;
    const int height = y + 8;
    std::string out;
    if (standalone) out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    fmt::format_to(std::back_inserter(out),
                   R"(<svg xmlns="http://www.w3.org/2000/svg" class="ladder" id="ladder{}" )"
                   R"(width="{}" height="{}" viewBox="0 0 {} {}" data-top="{}">)"
                   "\n",
                   l.tunnel, width, height, width, height, kTop + 16);
    if (standalone) out += fmt::format("<style>{}</style>\n", kSvgStyle);
    fmt::format_to(std::back_inserter(out),
                   R"(<defs><marker id="arrow{}" viewBox="0 0 10 10" refX="9" refY="5" )"
                   R"(markerWidth="7" markerHeight="7" orient="auto-start-reverse">)"
                   R"(<path d="M0 0L10 5L0 10z" fill="#555"/></marker></defs>)"
                   "\n",
                   l.tunnel);
    for (std::size_t c = 0; c < l.columns.size(); ++c) {
        const int x = column_x(static_cast<int>(c));
        fmt::format_to(std::back_inserter(out),
                       R"(<line class="col" x1="{}" y1="{}" x2="{}" y2="{}"/>)"
                       R"(<text class="head" x="{}" y="{}">)",
                       x, kTop - 8, x, height, x, kTop - 16);
        append_escaped(out, l.columns[c]);
        out += "</text>\n";
    }
    out += rows;
    if (l.rows_not_shown != 0) {
        fmt::format_to(std::back_inserter(out),
                       R"(<text class="more" x="{}" y="{}">{} more rows not shown )"
                       R"((narrow the window with --from/--to)</text>)"
                       "\n",
                       kLeft, height - 2, l.rows_not_shown);
    }
    out += "</svg>\n";
    return out;
}

}  // namespace vpnsim::report

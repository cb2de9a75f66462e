// DOC: the text layer of the strongSwan readers (cgw_swanctl_detail.hpp): values, lists and
// their places, the readers' diagnostics and settings, and swanctl.conf's syntax.
// swanctl.conf is written in strongswan.conf(5)'s: `name { ... }` sections, `key = value`
// settings, '#' comments, read here as a tree of sections, as strongSwan's lexer
// (settings_lexer.l) reads it: a name is any run of bytes but blanks, newlines and
// # { } = "; a value runs to a newline, '#' or '}' and is its words joined by one space; a
// quoted part keeps its blanks, resolves \n \t \r and \<any>, and may span lines; a section
// opened twice is one section. `include` and section references (`name : other {`, 5.7) are
// warned and not followed. Bounds: 8 levels of nesting and 4096 sections are kept (more is an
// error, then skipped by counting braces); nothing recurses, nothing reads past the text; an
// unterminated string stops the reading.
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_swanctl_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::swan {
namespace {

constexpr std::size_t kMaxSections = 4096;
constexpr std::size_t kMaxDepth = 8;

// strongswan.conf syntax -> a tree of sections (sections_[0] is the file).
class Parser {
  public:
    Parser(std::string_view text, Report& report) : text_(text), report_(report) {
        sections_.push_back(Section{});
        open_.push_back(0);
    }
    std::vector<Section> parse();

  private:
    bool eof() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    SourcePos here() const {
        return {line_, static_cast<int>(std::min<std::size_t>(pos_ - line_start_ + 1, 1u << 30))};
    }
    void newline() {  // at a '\n' not yet consumed
        ++line_;
        line_start_ = pos_ + 1;
    }
    void newline_after() {  // just after a consumed '\n'
        ++line_;
        line_start_ = pos_;
    }
    void skip_blanks() {
        while (!eof() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) ++pos_;
    }
    // The position of a '{' later on this line, if any.
    std::optional<std::size_t> brace_on_line() const {
        for (auto i = pos_; i < text_.size() && text_[i] != '\n'; ++i) {
            if (text_[i] == '{') return i;
        }
        return std::nullopt;
    }
    void skip_line() {
        while (!eof() && peek() != '\n') ++pos_;
    }
    static bool value_char(char c) {
        return c != '#' && c != '}' && c != '"' && c != '\r' && c != '\n' && c != '\t' && c != ' ';
    }
    static bool name_char(char c) { return value_char(c) && c != '{' && c != '='; }
    std::string_view name() {
        const auto start = pos_;
        while (!eof() && name_char(peek())) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    std::string path(std::string_view key) const {
        const auto& parent = sections_[open_.back()].path;
        return key_words(parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key));
    }
    void statement();
    void open(std::string_view name, SourcePos at);
    void close();
    Value value(std::string_view key);
    void quoted(std::string& out, std::string_view key);

    std::string_view text_;
    Report& report_;
    std::size_t pos_{0};
    std::size_t line_start_{0};
    int line_{1};
    std::vector<Section> sections_;
    std::vector<std::size_t> open_;  // the open sections, innermost last
    std::size_t skipped_{0};         // sections opened past the limits, not kept
    SourcePos first_skipped_;
    bool limit_reported_{false};
    bool failed_{false};  // an unterminated string: the rest is not read
};

std::vector<Section> Parser::parse() {
    while (!eof() && !failed_) {
        skip_blanks();
        if (eof()) break;
        const char c = peek();
        if (c == '\n') {
            newline();
            ++pos_;
        } else if (c == '#') {
            skip_line();
        } else if (c == '}') {
            close();
            ++pos_;
        } else if (c == '{' || c == '=' || c == '"') {
            report_.error(here(), sections_[open_.back()].path,
                          fmt::format("'{}' where a name belongs", c));
            skip_line();
        } else {
            statement();
        }
    }
    if (!failed_ && (skipped_ > 0 || open_.size() > 1)) {
        const auto& s = sections_[open_.back()];
        report_.error(skipped_ > 0 ? first_skipped_ : s.at, s.path,
                      "'{' is never closed: a '}' is missing");
    }
    return std::move(sections_);
}

void Parser::statement() {
    const auto at = here();
    const auto key = name();
    skip_blanks();
    if (!eof() && peek() == '=') {
        ++pos_;
        auto v = value(key);
        if (skipped_ == 0) sections_[open_.back()].values.emplace_back(key, std::move(v));
    } else if (!eof() && peek() == '{') {
        ++pos_;
        open(key, at);
    } else if (key == "include") {
        report_.warn(at.line, "include");
        skip_line();
    } else if (const auto brace = brace_on_line(); !eof() && peek() == ':' && brace) {
        report_.warn(at.line, "section references (name : other)");
        pos_ = *brace + 1;
        open(key, at);
    } else {
        report_.error(here(), path(key), fmt::format("expected '=' or '{{' after '{}'", key));
        skip_line();
    }
}

void Parser::open(std::string_view name, SourcePos at) {
    if (skipped_ > 0 || open_.size() > kMaxDepth || sections_.size() >= kMaxSections) {
        if (skipped_++ == 0) first_skipped_ = at;
        if (!limit_reported_) {
            limit_reported_ = true;
            report_.error(at, path(name),
                          fmt::format("sections nested deeper than {} or more than {} are not "
                                      "read",
                                      kMaxDepth, kMaxSections));
        }
        return;
    }
    auto& parent = sections_[open_.back()];
    for (const auto i : parent.sections) {
        if (sections_[i].name == name) {
            open_.push_back(i);
            return;
        }
    }
    const auto index = sections_.size();
    sections_[open_.back()].sections.push_back(index);
    sections_.push_back(Section{std::string(name), path(name), at, {}, {}});
    open_.push_back(index);
}

void Parser::close() {
    if (skipped_ > 0) {
        --skipped_;
    } else if (open_.size() > 1) {
        open_.pop_back();
    } else {
        report_.error(here(), "}", "'}' without a matching '{'");
    }
}

// The words after '=' up to a newline, '#' or '}', joined by one space; quoted parts unquoted.
Value Parser::value(std::string_view key) {
    Value v{{}, {}, path(key)};
    bool first = true;
    while (!failed_) {
        skip_blanks();
        if (eof() || peek() == '\n' || peek() == '#' || peek() == '}') break;
        if (!first) v.text += ' ';
        const bool quote = peek() == '"';
        if (quote) ++pos_;
        if (first) v.at = here();
        first = false;
        if (quote) {
            quoted(v.text, v.key);
        } else {
            const auto start = pos_;
            while (!eof() && value_char(peek())) ++pos_;
            v.text += text_.substr(start, pos_ - start);
        }
    }
    if (first) v.at = here();
    return v;
}

// A quoted string's content after its opening quote; one that never ends stops the reading.
void Parser::quoted(std::string& out, std::string_view key) {
    const auto at = SourcePos{line_, here().column - 1};
    while (!eof()) {
        const char c = peek();
        ++pos_;
        if (c == '"') return;
        if (c == '\n') newline_after();
        if (c != '\\' || eof()) {
            if (c != '\r') out += c;
            continue;
        }
        const char e = peek();
        ++pos_;
        if (e == '\n') {
            newline_after();
        } else {
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        }
    }
    report_.error(at, key, "unterminated string: a '\"' is missing");
    failed_ = true;
}

}  // namespace

SourcePos at_offset(const Value& v, std::size_t offset) {
    const auto column = static_cast<std::size_t>(v.at.column) + offset;
    return {v.at.line, static_cast<int>(std::min<std::size_t>(column, 1u << 30))};
}

std::vector<Piece> split(std::string_view text, char separator) {
    std::vector<Piece> out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        const auto raw = text.substr(start, end == std::string_view::npos ? end : end - start);
        const auto b = raw.find_first_not_of(" \t");
        const auto t = trim(raw);
        out.push_back({t, start + (b == std::string_view::npos ? 0 : b)});
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    if (out.size() == 1 && out.front().text.empty()) out.clear();
    return out;
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string_view name_of(std::string_view key) {
    const auto at = key.find_last_of(". ");
    return at == std::string_view::npos ? key : key.substr(at + 1);
}

std::string cut(std::string_view value) {
    return value.size() <= 24 ? std::string(value) : fmt::format("{}...", value.substr(0, 21));
}

std::string key_words(std::string_view words) {
    constexpr std::size_t kMax = 200;
    return words.size() <= kMax ? std::string(words)
                                : fmt::format("{}...", words.substr(0, kMax - 3));
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

void Report::warn(int line, std::string_view what) {
    auto text = detail::not_modelled(draft_.file, line, what);
    const auto same = [&](const auto& w) { return w.first == line && w.second == text; };
    if (warnings_.size() < kMaxReports && std::none_of(warnings_.begin(), warnings_.end(), same)) {
        warnings_.emplace_back(line, std::move(text));
    }
}

// A value inherited by several sections (ipsec.conf's %default) is reported once.
void Report::error(SourcePos at, std::string_view key, std::string_view message) {
    auto d = detail::error_at(draft_.file, at, key, message);
    const auto same = [&](const scenario::Diagnostic& e) {
        return e.line == d.line && e.column == d.column && e.key == d.key && e.message == d.message;
    };
    auto& errors = draft_.errors;
    if (errors.size() < kMaxReports && std::none_of(errors.begin(), errors.end(), same)) {
        errors.push_back(std::move(d));
    }
}

void Report::finish() {
    std::stable_sort(warnings_.begin(), warnings_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& w : warnings_) draft_.warnings.push_back(std::move(w.second));
    warnings_.clear();
    std::stable_sort(draft_.errors.begin(), draft_.errors.end(), [](const auto& a, const auto& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

void warn_unknown(std::string_view key, const Value& v, const KnownKeys& known, Report& report) {
    const auto in = [&](std::span<const std::string_view> keys) {
        return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    if (in(known.read) || in(known.silent)) return;
    const auto d = std::find_if(known.defaults.begin(), known.defaults.end(),
                                [&](const KeyDefault& x) { return x.key == key; });
    const auto l = lower(trim(v.text));
    if (d == known.defaults.end()) {
        report.warn(v.at.line, name_of(v.key));
    } else if (l != d->value && !(d->value == "0" && l == "0s")) {
        report.warn(v.at.line, fmt::format("{}{}{}", name_of(v.key), known.equals, cut(v.text)));
    }
}

void put(std::vector<Setting>& out, std::string_view key, std::string toml, const Value& v) {
    out.push_back(Setting{std::string(key), std::move(toml), v.at, v.key});
}

void put_string(std::vector<Setting>& out, std::string_view key, std::string_view text,
                const Value& v) {
    put(out, key, scenario::toml_basic_string(text), v);
}

std::vector<Section> parse_sections(std::string_view text, Report& report) {
    return Parser(text, report).parse();
}

// A key the file leaves out, at the section that leaves it out.
Value implied(const Section& s, std::string_view key) {
    return Value{{}, s.at, fmt::format("{}.{}", s.path, key)};
}

const Value* get(const Section& s, std::string_view key) {
    for (auto it = s.values.rbegin(); it != s.values.rend(); ++it) {
        if (it->first == key) return &it->second;
    }
    return nullptr;
}

}  // namespace vpnsim::import::swan

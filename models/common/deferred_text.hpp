// DOC: text whose formatting waits until someone reads it.
// A run writes a few hundred trace records, and most runs never print them: the benchmark, the
// fix search (hundreds of re-simulations), the property tests. So a record's free-text detail
// keeps the few typed values its line needs plus a renderer, and the string is built only when
// the trace is printed or searched. Rare lines may still pass ready-made text.
//
// A deferred renderer is any callable `void(std::string& out)` that appends its text. It is
// copied into the object (no allocation), so it must be trivially copyable and small: capture
// numbers, addresses, enums and string_views of storage that outlives the trace (literals,
// names interned in the trace) -- never references, never a std::string.
#pragma once

#include <cstddef>
#include <cstring>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "models/common/time.hpp"

namespace vpnsim {

class DeferredText {
  public:
    static constexpr std::size_t kCapacity = 96;

    // User-provided, so that a value-initialised DeferredText{} does not zero the renderer's
    // bytes first: only a renderer's bytes are ever read.
    // NOLINTNEXTLINE(modernize-use-equals-default,cppcoreguidelines-pro-type-member-init)
    DeferredText() noexcept {}
    // Ready-made text (implicit: most call sites that build a string once keep working).
    // NOLINTNEXTLINE(google-explicit-constructor)
    DeferredText(std::string text) : text_(own(std::move(text))) {}
    // NOLINTNEXTLINE(google-explicit-constructor)
    DeferredText(const char* text) : DeferredText(std::string_view(text)) {}
    // NOLINTNEXTLINE(google-explicit-constructor)
    DeferredText(std::string_view text) : text_(own(std::string(text))) {}

    // A record is moved a few times on its way into the trace: a move copies the renderer's
    // bytes and a pointer, never string storage. The bytes go by memcpy: a defaulted copy of a
    // std::byte array is an element-wise loop that g++ -O2 does not vectorise (~500
    // instructions a move). Only a renderer's bytes mean anything.
    DeferredText(DeferredText&& o) noexcept : render_(o.render_), text_(std::move(o.text_)) {
        if (render_ != nullptr) std::memcpy(buf_, o.buf_, kCapacity);
    }
    DeferredText& operator=(DeferredText&& o) noexcept {
        if (o.render_ != nullptr) std::memmove(buf_, o.buf_, kCapacity);
        render_ = o.render_;
        text_ = std::move(o.text_);
        return *this;
    }
    DeferredText(const DeferredText& o)
        : render_(o.render_), text_(o.text_ ? std::make_unique<std::string>(*o.text_) : nullptr) {
        if (render_ != nullptr) std::memcpy(buf_, o.buf_, kCapacity);
    }
    DeferredText& operator=(const DeferredText& o) {
        if (this != &o) *this = DeferredText(o);
        return *this;
    }
    ~DeferredText() = default;

    template <typename F>
    requires std::is_invocable_v<const F&, std::string&>
    static DeferredText lazy(const F& render) {
        static_assert(std::is_trivially_copyable_v<F>,
                      "a deferred renderer must capture values (or views of lasting storage)");
        static_assert(sizeof(F) <= kCapacity && alignof(F) <= alignof(std::max_align_t),
                      "a deferred renderer must fit DeferredText::kCapacity");
        DeferredText d;
        ::new (static_cast<void*>(d.buf_)) F(render);
        d.render_ = [](const void* p, std::string& out) {
            (*std::launder(static_cast<const F*>(p)))(out);
        };
        return d;
    }

    // Text that lives as long as the program (a literal): kept by view, never copied.
    static DeferredText literal(std::string_view text) {
        return lazy([text](std::string& out) { out += text; });
    }

    // fmt::format, later: every argument is kept by value until the text is read.
    template <typename... Args>
    static DeferredText format(fmt::format_string<Args...> f, Args... args) {
        // The format string was checked against Args at compile time; keep only its view.
        return lazy([pattern = fmt::string_view(f), args...](std::string& out) {
            fmt::vformat_to(std::back_inserter(out), pattern, fmt::make_format_args(args...));
        });
    }

    void append_to(std::string& out) const {
        if (render_ != nullptr) {
            render_(buf_, out);
        } else if (text_) {
            out += *text_;
        }
    }
    std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }
    // True only when nothing can be rendered; a deferred renderer may still produce "".
    bool known_empty() const { return render_ == nullptr && !text_; }

  private:
    // Ready-made text, or none when it is empty.
    static std::unique_ptr<std::string> own(std::string text) {
        if (text.empty()) return nullptr;
        return std::make_unique<std::string>(std::move(text));
    }

    alignas(std::max_align_t) std::byte buf_[kCapacity];  // NOLINT: raw storage for the renderer
    void (*render_)(const void*, std::string&) = nullptr;
    std::unique_ptr<std::string> text_;
};

// A SimTime argument for deferred formatting, shown as format_time shows it ("12.345s").
struct TimeText {
    SimTime t;
};

}  // namespace vpnsim

template <>
struct fmt::formatter<vpnsim::TimeText> : fmt::formatter<std::string_view> {
    template <typename Ctx>
    auto format(vpnsim::TimeText v, Ctx& ctx) const {
        const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(v.t).count();
        return fmt::format_to(ctx.out(), "{}.{:03}s", total_ms / 1000, total_ms % 1000);
    }
};

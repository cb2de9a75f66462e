// DOC: setting one key of a scenario by its dotted path, as the loader names keys
// ("aws.routing", "aws.tunnel[1].dpd_timeout_action", "path.nat"), for variations of a scenario
// (`vpnsim matrix` axes; `--set KEY=VALUE`). The change is made in the scenario's text as
// to_toml() writes it -- every table once, one `key = value` line per key -- and the text is
// loaded again, so the loader judges the new value by its own rules and no rule is restated.
// `aws.tunnel[*].x` sets x in every [[aws.tunnel]]. A key the writer leaves out (a default) is
// added at the end of its table.
// Left out: keys inside arrays of tables other than by index (aws.tunnel, cgw.tunnel, change,
// traffic), and tables the writer does not write (an absent [expect]).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vpnsim::scenario {

// Sets `key` to `value` (TOML value text) in `toml` (to_toml's text). Returns why not when the
// key names no table the text has ("no table aws.tunnel[2]") or is not a key path.
std::optional<std::string> set_key(std::string& toml, std::string_view key,
                                   std::string_view value);

}  // namespace vpnsim::scenario

// The one translation unit that compiles toml++'s implementation (see CMakeLists.txt): every
// other file includes <toml++/toml.h> with TOML_HEADER_ONLY=0 and sees declarations only.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>

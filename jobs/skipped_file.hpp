#pragma once
// A file (or a zip's member) that revshare was given or found and did not import, and why: a
// zip's manifest, a `notes.txt` in nightly's inbox. Refused files are not these: they were
// exports, and failed.
#include <string>

namespace revshare::app {

struct SkippedFile {
    std::string file;    // as shown: an inbox path, or `<zip>:<member>`
    std::string reason;  // why it was not imported, for a person
};

}  // namespace revshare::app

#pragma once
// A fresh private folder in the temporary folder ($TMPDIR, else /tmp), removed with everything
// in it when the object goes: verify-evidence's scratch database, a zip member being imported.
#include <filesystem>
#include <string>

namespace revshare::app {

class ScratchFolder {
public:
    // The folder is `<prefix>-XXXXXX`; when it cannot be made, revshare::Error "<who>: cannot
    // make a scratch folder in /tmp: <reason>".
    ScratchFolder(const std::string& prefix, const std::string& who);
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace revshare::app

#include "tests/test_support.hpp"

#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace revshare::testing {

std::filesystem::path source_dir() { return REVSHARE_SOURCE_DIR; }

std::filesystem::path samples_dir() { return source_dir().parent_path() / "shared" / "samples"; }

std::filesystem::path fixtures_dir() { return source_dir() / "fixtures"; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

ScratchDir::ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("revshare-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

CommandResult run_revshare(const std::string& arguments, const std::filesystem::path& directory) {
    const auto out_path = directory / ".stdout";
    const auto err_path = directory / ".stderr";
    const std::string command = "cd '" + directory.string() + "' && '" + std::string(REVSHARE_BINARY) + "' " +
                                arguments + " >'" + out_path.string() + "' 2>'" + err_path.string() + "'";
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    std::filesystem::remove(out_path);
    std::filesystem::remove(err_path);
    return result;
}

}  // namespace revshare::testing

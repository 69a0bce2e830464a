// revshare: the command-line entry point. Everything happens in app::run.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return revshare::app::run(argc, argv); }

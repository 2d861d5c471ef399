import ArgumentParser
import Bot

/// The shipped `wegwijzer` binary: the command line of `Bot`, run asynchronously.
@main
enum Entry {
    static func main() async {
        await Wegwijzer.main()
    }
}

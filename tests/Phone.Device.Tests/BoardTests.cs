// Every board file parses, its pins exist and do not collide, and the compiled-in copy equals the file.
namespace Phone.Device.Tests
{
    using System.IO;
    using System.Linq;
    using Phone.Core.Device;

    public class BoardTests
    {
        public static TheoryData<string> Boards()
        {
            var data = new TheoryData<string>();
            foreach (var d in Directory.GetDirectories(RepoPaths.Of("boards")).OrderBy(d => d)) data.Add(Path.GetFileName(d));
            return data;
        }

        [Theory]
        [MemberData(nameof(Boards))]
        public void Board_file_parses_and_pins_do_not_collide(string board)
        {
            string text = File.ReadAllText(RepoPaths.Of("boards", board, "board.cfg"));
            Assert.True(BoardConfig.TryParse(text, out var cfg, out var error), error);
            Assert.Null(cfg.CheckPins());
            Assert.Equal(board, cfg.GetString("name", null));
            Assert.Contains(cfg.GetString("network", null), new[] { "wifi", "ethernet", "host" });
            Assert.Equal(text, BoardFiles.Find(board));
        }

        [Fact]
        public void Every_compiled_in_board_has_a_folder()
        {
            var folders = Directory.GetDirectories(RepoPaths.Of("boards")).Select(Path.GetFileName).OrderBy(n => n);
            Assert.Equal(folders, Enumerable.Range(0, BoardFiles.Count).Select(BoardFiles.NameAt).OrderBy(n => n));
            Assert.Null(BoardFiles.NameAt(BoardFiles.Count));
            Assert.Null(BoardFiles.TextAt(BoardFiles.Count));
            Assert.Null(BoardFiles.Find("no-such-board"));
            Assert.True(File.Exists(RepoPaths.Of("boards", "README.md")));
        }

        [Fact]
        public void Pin_checks_catch_collisions_flash_pins_and_input_only_outputs()
        {
            Assert.True(BoardConfig.TryParse("pin.a=4\npin.b=4\n", out var twice, out _));
            Assert.Contains("both use GPIO 4", twice.CheckPins());
            Assert.True(BoardConfig.TryParse("pin.hook=7\n", out var flash, out _));
            Assert.Contains("SPI flash", flash.CheckPins());
            Assert.True(BoardConfig.TryParse("pin.led.status=35\n", out var inputOnly, out _));
            Assert.Contains("input-only", inputOnly.CheckPins());
            Assert.True(BoardConfig.TryParse("pin.i2s.din=35\npin.x=-1\npin.y=-1\n", out var fine, out _));
            Assert.Null(fine.CheckPins());
            Assert.False(BoardConfig.TryParse("pin.hook=abc\n", out _, out var err));
            Assert.Contains("not a number", err);
            Assert.False(BoardConfig.TryParse("a=1\na=2\n", out _, out err));
            Assert.Contains("duplicate", err);
        }
    }
}

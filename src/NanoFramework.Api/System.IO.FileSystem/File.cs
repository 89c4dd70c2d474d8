// Declares part of nanoFramework.System.IO.FileSystem 1.1.93; checked against nanoframework/System.IO.FileSystem tag v1.1.93 (434b26c), System.IO.FileSystem/File.cs and Directory.cs.
namespace System.IO
{
    public static class File // File.cs:13
    {
        public static void Delete(string path) => throw new NotImplementedException(); // File.cs:122
        public static bool Exists(string path) => throw new NotImplementedException(); // File.cs:176
        public static void Move(string sourceFileName, string destFileName) => throw new NotImplementedException(); // File.cs:252
        public static byte[] ReadAllBytes(string path) => throw new NotImplementedException(); // File.cs:401
        public static void WriteAllBytes(string path, byte[] bytes) => throw new NotImplementedException(); // File.cs:473
    }

    public static class Directory // Directory.cs:14
    {
        public static bool Exists(string path) => throw new NotImplementedException(); // Directory.cs:107
        public static string[] GetFiles(string path) => throw new NotImplementedException(); // Directory.cs:153
    }
}

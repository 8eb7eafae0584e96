using System.Runtime.InteropServices;

namespace AlphaTrade.RxMonitor.Sources.Linux;

/// <summary>The few libc calls the system sources need (LP64 Linux layouts), none of which allocate.</summary>
internal static partial class LinuxNative
{
    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int StatVfs(string path, out StatVfsResult result);

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial IntPtr OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    internal static partial IntPtr ReadDir(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    internal static partial int CloseDir(IntPtr directory);

    /// <summary>Counts the entries of a directory other than <c>.</c> and <c>..</c>; −1 when it cannot be opened.</summary>
    internal static unsafe int CountEntries(string path)
    {
        var directory = OpenDir(path);
        if (directory == IntPtr.Zero)
        {
            return -1;
        }

        try
        {
            var count = 0;
            IntPtr entry;
            while ((entry = ReadDir(directory)) != IntPtr.Zero)
            {
                // struct dirent (glibc, LP64): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name.
                var name = (byte*)entry + 19;
                var isDot = name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));
                if (!isDot)
                {
                    count++;
                }
            }

            return count;
        }
        finally
        {
            _ = CloseDir(directory);
        }
    }

    /// <summary>struct statvfs on LP64 Linux (x86-64, arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StatVfsResult
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong NameMax;
        public ulong Spare0;
        public ulong Spare1;
        public ulong Spare2;
    }
}

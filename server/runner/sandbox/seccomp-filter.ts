// The system-call filter bubblewrap loads before a run starts (gVisor has its
// own kernel and needs none). A deny list, as Docker's default profile is in
// spirit: the calls a tutorial program never needs and an escape would —
// debugging other processes, mounts and namespaces, kernel keyrings, eBPF,
// io_uring, module loading. Everything else is allowed.
//
// The output is a classic BPF program (struct sock_filter[]), the form
// `bwrap --seccomp FD` reads.

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_JSET_K = 0x45;
const BPF_RET_K = 0x06;

const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const retErrno = (errno: number) => 0x00050000 | errno;
const EPERM = 1;
const ENOSYS = 38;

// struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6].
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16;

/** clone() flags that create namespaces: a run stays in the ones it was given. */
const CLONE_NAMESPACE_FLAGS = 0x7e020000;

interface ArchTable {
  audit: number;
  /** x86_64 also accepts the x32 ABI (numbers with this bit); refuse it. */
  x32Bit?: number;
  denied: number[];
  clone: number;
  clone3: number;
}

// Names, in order: ptrace process_vm_readv process_vm_writev mount umount2 pivot_root chroot
// unshare setns keyctl add_key request_key bpf perf_event_open userfaultfd kexec_load
// kexec_file_load init_module finit_module delete_module open_by_handle_at name_to_handle_at
// swapon swapoff reboot acct quotactl syslog vhangup open_tree move_mount fsopen fsconfig
// fsmount fspick mount_setattr io_uring_setup io_uring_enter io_uring_register (+ iopl ioperm on x86).
const ARCHES: Record<string, ArchTable> = {
  x64: {
    audit: 0xc000003e,
    x32Bit: 0x40000000,
    denied: [
      101, 310, 311, 165, 166, 155, 161, 272, 308, 250, 248, 249, 321, 298, 323, 246, 320, 175, 313, 176, 304, 303, 167, 168, 169, 163, 179,
      103, 153, 428, 429, 430, 431, 432, 433, 442, 425, 426, 427, 172, 173,
    ],
    clone: 56,
    clone3: 435,
  },
  arm64: {
    audit: 0xc00000b7,
    denied: [
      117, 270, 271, 40, 39, 41, 51, 97, 268, 219, 217, 218, 280, 241, 282, 104, 294, 105, 273, 106, 265, 264, 224, 225, 142, 89, 60, 116,
      58, 428, 429, 430, 431, 432, 433, 442, 425, 426, 427,
    ],
    clone: 220,
    clone3: 435,
  },
};

type Instruction = [code: number, jt: number, jf: number, k: number];

/** The filter for this machine's architecture, or null where we have no table (then bubblewrap runs without one, and says so). */
export function seccompFilter(arch: string = process.arch): Buffer | null {
  const table = ARCHES[arch];
  if (!table) return null;
  const program: Instruction[] = [];
  const deny = retErrno(EPERM);
  // A system call of another architecture (int 0x80 on x86_64) has other numbers: kill.
  program.push([BPF_LD_W_ABS, 0, 0, OFFSET_ARCH]);
  program.push([BPF_JEQ_K, 1, 0, table.audit]);
  program.push([BPF_RET_K, 0, 0, RET_KILL_PROCESS]);
  program.push([BPF_LD_W_ABS, 0, 0, OFFSET_NR]);
  if (table.x32Bit) {
    program.push([BPF_JGE_K, 0, 1, table.x32Bit]);
    program.push([BPF_RET_K, 0, 0, deny]);
  }
  for (const nr of table.denied) {
    program.push([BPF_JEQ_K, 0, 1, nr]);
    program.push([BPF_RET_K, 0, 0, deny]);
  }
  // clone3 passes its flags in memory, out of a filter's reach: say it does not exist, and libc falls back to clone.
  program.push([BPF_JEQ_K, 0, 1, table.clone3]);
  program.push([BPF_RET_K, 0, 0, retErrno(ENOSYS)]);
  program.push([BPF_JEQ_K, 0, 3, table.clone]);
  program.push([BPF_LD_W_ABS, 0, 0, OFFSET_ARG0_LOW]);
  program.push([BPF_JSET_K, 0, 1, CLONE_NAMESPACE_FLAGS]);
  program.push([BPF_RET_K, 0, 0, deny]);
  program.push([BPF_RET_K, 0, 0, RET_ALLOW]);
  const buffer = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], index) => {
    buffer.writeUInt16LE(code, index * 8);
    buffer.writeUInt8(jt, index * 8 + 2);
    buffer.writeUInt8(jf, index * 8 + 3);
    buffer.writeUInt32LE(k >>> 0, index * 8 + 4);
  });
  return buffer;
}

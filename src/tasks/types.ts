import type { Deadline } from './deadline.js';

/** A task (nhiệm vụ) of a plan, as imported and then reviewed by a person. */
export interface Task {
  /** the code as the plan writes it: 1.1, 2.2.4.a, 2.c, II.13 */
  code: string;
  title: string;
  /** lead units (chủ trì): canonical names, or collective names as written */
  lead: string[];
  /** coordinating units (phối hợp) */
  support: string[];
  deadline: Deadline;
}

/** A standing duty of one unit from the plan's "phân công trách nhiệm" section: ongoing, no deadline. */
export interface Duty {
  unit: string;
  text: string;
}

export interface PlanInfo {
  /** the file name without extension, e.g. 002_01a3136fc2457c7f */
  id: string;
  issuer: string | null;
  locality: string | null;
  number: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  title: string | null;
}

export interface TaskList {
  plan: PlanInfo;
  tasks: Task[];
  duties: Duty[];
  /** the plan's numeric targets (mục tiêu), as sentences */
  targets: string[];
  /** what the plan says about periodic reports (báo cáo định kỳ) */
  reporting: string[];
  /** points `import-plan --save` left for a person to check; removed once checked */
  review?: string[];
}

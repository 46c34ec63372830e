import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATE_FORMATS } from './file-rows';

export class FileRejectionDto {
  @ApiProperty({ description: "The row's number in the file, as a spreadsheet shows it (the header is row 1).", example: 7 })
  row!: number;

  @ApiProperty({ description: 'The column at fault.', example: 'quantity' })
  column!: string;

  @ApiProperty({ description: 'What the cell held (cut at 200 characters).', example: '-3' })
  value!: string;

  @ApiProperty({ description: 'Why the row was refused.', example: 'must be greater than 0 for a CONSUMPTION (got -3)' })
  reason!: string;
}

export class FileJobDto {
  @ApiProperty({ description: 'The job reading the file.', example: '6f1c7e0e-2d7b-4a53-9a55-0c1d2f1e9b11' })
  jobId!: string;

  @ApiProperty({
    description: 'queued, running, done, or failed (the file could not be read on; rows before are kept).',
    example: 'running',
  })
  status!: string;

  @ApiProperty({ description: 'movements or snapshot.', example: 'movements' })
  kind!: string;

  @ApiProperty({ description: 'csv or xlsx.', example: 'csv' })
  format!: string;

  @ApiProperty({ description: 'The date format the file was read with.', example: 'ISO' })
  dateFormat!: string;

  @ApiPropertyOptional({
    description: 'The name the browser gave the file, if it came in a form.',
    type: String,
    nullable: true,
    example: 'week-49.csv',
  })
  fileName!: string | null;

  @ApiProperty({
    description: "The file's SHA-256: the same file sent again is this job.",
    example: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
  })
  sha256!: string;

  @ApiProperty({ description: 'Size of the file in bytes.', example: 48213 })
  bytes!: number;

  @ApiProperty({ description: 'Data rows read so far (empty rows left out).', example: 1000 })
  rowsRead!: number;

  @ApiProperty({ description: 'Rows whose movement is on its way to the on-hand (each once, however often sent).', example: 997 })
  accepted!: number;

  @ApiProperty({ description: 'Of the accepted rows, those whose movement had been taken in before.', example: 0 })
  repeats!: number;

  @ApiProperty({ description: 'Rows refused; the rejection report says why.', example: 3 })
  rejected!: number;

  @ApiProperty({ description: "How much of the file's bytes has been read, 0 to 100.", example: 42 })
  percent!: number;

  @ApiPropertyOptional({ description: 'Why a failed job could not read the file on.', type: String, nullable: true, example: null })
  failure!: string | null;

  @ApiProperty({ description: 'When the file arrived.', type: Date })
  receivedAt!: Date;

  @ApiPropertyOptional({ description: 'When the job ended.', type: Date, nullable: true })
  finishedAt!: Date | null;

  @ApiProperty({
    description: 'Once the job has ended: the rejected rows, each column at fault, in row order (the first 1,000; the CSV has all).',
    type: [FileRejectionDto],
  })
  rejections!: FileRejectionDto[];

  @ApiProperty({ description: 'More rejections than listed here: download the CSV.', example: false })
  rejectionsTruncated!: boolean;

  @ApiProperty({
    description: 'Where to download the rejection report as CSV.',
    example: '/stock-movement-files/6f1c7e0e-2d7b-4a53-9a55-0c1d2f1e9b11/rejections.csv',
  })
  rejectionsCsv!: string;
}

export class FileAcceptedDto {
  @ApiProperty({ description: 'The job reading the file; follow Location to watch it.', example: '6f1c7e0e-2d7b-4a53-9a55-0c1d2f1e9b11' })
  jobId!: string;

  @ApiProperty({
    description: 'True when this very file was sent before: the job is that first one, and nothing is done again.',
    example: false,
  })
  repeat!: boolean;

  @ApiProperty({ description: 'Where to watch the job.', example: '/stock-movement-files/6f1c7e0e-2d7b-4a53-9a55-0c1d2f1e9b11' })
  location!: string;
}

export class FileSettingsDto {
  @ApiProperty({
    description: "How the buyer's files write their dates when an upload names no dateFormat.",
    enum: DATE_FORMATS,
    example: 'DD/MM/YYYY',
  })
  dateFormat!: string;
}

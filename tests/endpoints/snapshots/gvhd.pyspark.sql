SELECT
  `t10`.`patient_id`,
  MAX(IF(`t10`.`day` >= 0, `t10`.`agvhd_grade`, NULL)) AS `agvhd_max_grade`,
  MAX(IF(`t10`.`day` >= 0, `t10`.`cgvhd_severity_rank`, NULL)) AS `cgvhd_max_rank`,
  CAST(MIN(IF((
    `t10`.`day` >= 0
  ) AND (
    `t10`.`agvhd_grade` >= 2
  ), `t10`.`day`, NULL)) AS BIGINT) AS `agvhd_2_4_event_day`,
  CAST(MIN(IF((
    `t10`.`day` >= 0
  ) AND (
    `t10`.`agvhd_grade` >= 3
  ), `t10`.`day`, NULL)) AS BIGINT) AS `agvhd_3_4_event_day`,
  CAST(MIN(
    IF((
      `t10`.`day` >= 0
    ) AND (
      `t10`.`cgvhd_severity_rank` >= 1
    ), `t10`.`day`, NULL)
  ) AS BIGINT) AS `cgvhd_event_day`,
  CAST(MIN(IF((
    `t10`.`day` >= 0
  ) AND (
    `t10`.`agvhd_grade` >= 3
  ), `t10`.`day`, NULL)) AS BIGINT) AS `grfs_agvhd_day`,
  CAST(MIN(
    IF(
      (
        `t10`.`day` >= 0
      )
      AND (
        (
          `t10`.`cgvhd_severity_rank` >= 1
        )
        AND COALESCE(`t10`.`systemic_therapy`, FALSE)
      ),
      `t10`.`day`,
      NULL
    )
  ) AS BIGINT) AS `grfs_cgvhd_day`,
  CAST(MIN(
    IF(
      (
        `t10`.`day` >= 0
      )
      AND (
        (
          `t10`.`cgvhd_severity_rank` >= 1
        )
        AND COALESCE(`t10`.`systemic_therapy`, FALSE)
      ),
      `t10`.`day`,
      NULL
    )
  ) AS BIGINT) AS `crfs_cgvhd_day`
FROM (
  SELECT
    `t9`.`patient_id`,
    `t9`.`day`,
    `t9`.`date`,
    `t9`.`skin_bsa_pct`,
    `t9`.`skin_bullae`,
    `t9`.`skin_stage`,
    `t9`.`bilirubin_mg_dl`,
    `t9`.`liver_stage`,
    `t9`.`upper_gi`,
    `t9`.`stool_ml_day`,
    `t9`.`stool_episodes_day`,
    `t9`.`lower_gi_severe`,
    `t9`.`lower_gi_stage`,
    `t9`.`cgvhd_skin`,
    `t9`.`cgvhd_mouth`,
    `t9`.`cgvhd_eyes`,
    `t9`.`cgvhd_gi`,
    `t9`.`cgvhd_liver`,
    `t9`.`cgvhd_lungs`,
    `t9`.`cgvhd_joints`,
    `t9`.`cgvhd_genital`,
    `t9`.`systemic_therapy`,
    `t9`.`gvhd_diagnosed`,
    `t9`.`alternative_cause`,
    `t9`.`alternative_cause_organ`,
    `t9`.`agvhd_overall_grade`,
    `t9`.`cgvhd_global_severity`,
    `t9`.`cgvhd_diagnostic_sign`,
    `t9`.`weight_kg`,
    `t9`.`stool_ml_avg`,
    `t9`.`stool_episodes_avg`,
    `t9`.`skin`,
    `t9`.`liver`,
    `t9`.`upper`,
    `t9`.`lower`,
    `t9`.`agvhd_grade`,
    `t9`.`agvhd_grade_computed`,
    `t9`.`cgvhd_rank`,
    `t9`.`cgvhd_rank_computed`,
    `t9`.`cgvhd_rank_entered`,
    IF(
      (
        MIN(
          IF(
            COALESCE(`t9`.`gvhd_diagnosed`, TRUE)
            AND (
              `t9`.`day` >= 0
            )
            AND (
              COALESCE(`t9`.`cgvhd_diagnostic_sign`, FALSE)
              OR (
                (
                  `t9`.`cgvhd_rank_entered` >= 1
                )
                AND COALESCE(`t9`.`cgvhd_diagnostic_sign`, TRUE)
              )
            ),
            CAST(`t9`.`day` AS BIGINT),
            CAST(NULL AS BIGINT)
          )
        ) OVER (
          PARTITION BY `t9`.`patient_id`
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        `t9`.`day` >= MIN(
          IF(
            COALESCE(`t9`.`gvhd_diagnosed`, TRUE)
            AND (
              `t9`.`day` >= 0
            )
            AND (
              COALESCE(`t9`.`cgvhd_diagnostic_sign`, FALSE)
              OR (
                (
                  `t9`.`cgvhd_rank_entered` >= 1
                )
                AND COALESCE(`t9`.`cgvhd_diagnostic_sign`, TRUE)
              )
            ),
            CAST(`t9`.`day` AS BIGINT),
            CAST(NULL AS BIGINT)
          )
        ) OVER (
          PARTITION BY `t9`.`patient_id`
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        )
      ),
      `t9`.`cgvhd_rank`,
      0
    ) AS `cgvhd_severity_rank`,
    MIN(
      IF(
        COALESCE(`t9`.`gvhd_diagnosed`, TRUE)
        AND (
          `t9`.`day` >= 0
        )
        AND (
          COALESCE(`t9`.`cgvhd_diagnostic_sign`, FALSE)
          OR (
            (
              `t9`.`cgvhd_rank_entered` >= 1
            )
            AND COALESCE(`t9`.`cgvhd_diagnostic_sign`, TRUE)
          )
        ),
        CAST(`t9`.`day` AS BIGINT),
        CAST(NULL AS BIGINT)
      )
    ) OVER (
      PARTITION BY `t9`.`patient_id`
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS `cgvhd_diagnosis_day`
  FROM (
    SELECT
      `t8`.`patient_id`,
      `t8`.`day`,
      `t8`.`date`,
      `t8`.`skin_bsa_pct`,
      `t8`.`skin_bullae`,
      `t8`.`skin_stage`,
      `t8`.`bilirubin_mg_dl`,
      `t8`.`liver_stage`,
      `t8`.`upper_gi`,
      `t8`.`stool_ml_day`,
      `t8`.`stool_episodes_day`,
      `t8`.`lower_gi_severe`,
      `t8`.`lower_gi_stage`,
      `t8`.`cgvhd_skin`,
      `t8`.`cgvhd_mouth`,
      `t8`.`cgvhd_eyes`,
      `t8`.`cgvhd_gi`,
      `t8`.`cgvhd_liver`,
      `t8`.`cgvhd_lungs`,
      `t8`.`cgvhd_joints`,
      `t8`.`cgvhd_genital`,
      `t8`.`systemic_therapy`,
      `t8`.`gvhd_diagnosed`,
      `t8`.`alternative_cause`,
      `t8`.`alternative_cause_organ`,
      `t8`.`agvhd_overall_grade`,
      `t8`.`cgvhd_global_severity`,
      `t8`.`cgvhd_diagnostic_sign`,
      `t8`.`weight_kg`,
      `t8`.`stool_ml_avg`,
      `t8`.`stool_episodes_avg`,
      `t8`.`skin`,
      `t8`.`liver`,
      `t8`.`upper`,
      `t8`.`lower`,
      CASE
        WHEN NOT (
          COALESCE(`t8`.`gvhd_diagnosed`, TRUE)
        )
        THEN 0
        WHEN FALSE AND (
          CAST(`t8`.`agvhd_overall_grade` AS BIGINT) IS NOT NULL
        )
        THEN CAST(`t8`.`agvhd_overall_grade` AS BIGINT)
        WHEN (
          `t8`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t8`.`skin_bsa_pct`)
        )
        OR (
          `t8`.`skin_bullae` IS NOT NULL
        )
        OR (
          `t8`.`skin_stage` IS NOT NULL
        )
        OR (
          `t8`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t8`.`bilirubin_mg_dl`)
        )
        OR (
          `t8`.`liver_stage` IS NOT NULL
        )
        OR (
          `t8`.`upper_gi` IS NOT NULL
        )
        OR (
          `t8`.`stool_ml_day` IS NOT NULL AND NOT ISNAN(`t8`.`stool_ml_day`)
        )
        OR (
          `t8`.`stool_episodes_day` IS NOT NULL AND NOT ISNAN(`t8`.`stool_episodes_day`)
        )
        OR (
          `t8`.`lower_gi_severe` IS NOT NULL
        )
        OR (
          `t8`.`lower_gi_stage` IS NOT NULL
        )
        THEN CASE
          WHEN (
            COALESCE(`t8`.`skin`, 0) = 4
          )
          OR (
            COALESCE(`t8`.`liver`, 0) = 4
          )
          OR (
            COALESCE(`t8`.`lower`, 0) = 4
          )
          THEN 4
          WHEN COALESCE(`t8`.`liver`, 0) IN (2, 3) OR (
            COALESCE(`t8`.`lower`, 0) >= 2
          )
          THEN 3
          WHEN (
            COALESCE(`t8`.`skin`, 0) = 3
          )
          OR (
            COALESCE(`t8`.`liver`, 0) = 1
          )
          OR (
            COALESCE(`t8`.`upper`, 0) = 1
          )
          OR (
            COALESCE(`t8`.`lower`, 0) = 1
          )
          THEN 2
          WHEN COALESCE(`t8`.`skin`, 0) IN (1, 2)
          THEN 1
          ELSE 0
        END
        ELSE COALESCE(CAST(`t8`.`agvhd_overall_grade` AS BIGINT), 0)
      END AS `agvhd_grade`,
      CAST(CASE
        WHEN (
          COALESCE(`t8`.`skin`, 0) = 4
        )
        OR (
          COALESCE(`t8`.`liver`, 0) = 4
        )
        OR (
          COALESCE(`t8`.`lower`, 0) = 4
        )
        THEN 4
        WHEN COALESCE(`t8`.`liver`, 0) IN (2, 3) OR (
          COALESCE(`t8`.`lower`, 0) >= 2
        )
        THEN 3
        WHEN (
          COALESCE(`t8`.`skin`, 0) = 3
        )
        OR (
          COALESCE(`t8`.`liver`, 0) = 1
        )
        OR (
          COALESCE(`t8`.`upper`, 0) = 1
        )
        OR (
          COALESCE(`t8`.`lower`, 0) = 1
        )
        THEN 2
        WHEN COALESCE(`t8`.`skin`, 0) IN (1, 2)
        THEN 1
        ELSE 0
      END AS BIGINT) AS `agvhd_grade_computed`,
      CASE
        WHEN NOT (
          COALESCE(`t8`.`gvhd_diagnosed`, TRUE)
        )
        THEN 0
        WHEN FALSE
        AND (
          CASE
            WHEN `t8`.`cgvhd_global_severity` = 'none'
            THEN 0
            WHEN `t8`.`cgvhd_global_severity` = 'mild'
            THEN 1
            WHEN `t8`.`cgvhd_global_severity` = 'moderate'
            THEN 2
            WHEN `t8`.`cgvhd_global_severity` = 'severe'
            THEN 3
            ELSE CAST(NULL AS BIGINT)
          END IS NOT NULL
        )
        THEN CASE
          WHEN `t8`.`cgvhd_global_severity` = 'none'
          THEN 0
          WHEN `t8`.`cgvhd_global_severity` = 'mild'
          THEN 1
          WHEN `t8`.`cgvhd_global_severity` = 'moderate'
          THEN 2
          WHEN `t8`.`cgvhd_global_severity` = 'severe'
          THEN 3
          ELSE CAST(NULL AS BIGINT)
        END
        WHEN (
          `t8`.`cgvhd_skin` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_mouth` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_eyes` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_gi` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_liver` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_lungs` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_joints` IS NOT NULL
        )
        OR (
          `t8`.`cgvhd_genital` IS NOT NULL
        )
        THEN CASE
          WHEN (
            COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 2
          )
          OR (
            GREATEST(
              COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0)
            ) >= 3
          )
          THEN 3
          WHEN (
            COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) = 1
          )
          OR (
            GREATEST(
              COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0),
              COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0)
            ) = 2
          )
          OR (
            (
              IF(COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
            ) >= 3
          )
          THEN 2
          WHEN (
            IF(COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
          ) >= 1
          THEN 1
          ELSE 0
        END
        ELSE COALESCE(
          CASE
            WHEN `t8`.`cgvhd_global_severity` = 'none'
            THEN 0
            WHEN `t8`.`cgvhd_global_severity` = 'mild'
            THEN 1
            WHEN `t8`.`cgvhd_global_severity` = 'moderate'
            THEN 2
            WHEN `t8`.`cgvhd_global_severity` = 'severe'
            THEN 3
            ELSE CAST(NULL AS BIGINT)
          END,
          0
        )
      END AS `cgvhd_rank`,
      CAST(CASE
        WHEN (
          COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 2
        )
        OR (
          GREATEST(
            COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0)
          ) >= 3
        )
        THEN 3
        WHEN (
          COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) = 1
        )
        OR (
          GREATEST(
            COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0),
            COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0)
          ) = 2
        )
        OR (
          (
            IF(COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
          ) >= 3
        )
        THEN 2
        WHEN (
          IF(COALESCE(CAST(`t8`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t8`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t8`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
        ) >= 1
        THEN 1
        ELSE 0
      END AS BIGINT) AS `cgvhd_rank_computed`,
      CASE
        WHEN `t8`.`cgvhd_global_severity` = 'none'
        THEN 0
        WHEN `t8`.`cgvhd_global_severity` = 'mild'
        THEN 1
        WHEN `t8`.`cgvhd_global_severity` = 'moderate'
        THEN 2
        WHEN `t8`.`cgvhd_global_severity` = 'severe'
        THEN 3
        ELSE CAST(NULL AS BIGINT)
      END AS `cgvhd_rank_entered`
    FROM (
      SELECT
        `t7`.`patient_id`,
        `t7`.`day`,
        `t7`.`date`,
        `t7`.`skin_bsa_pct`,
        `t7`.`skin_bullae`,
        `t7`.`skin_stage`,
        `t7`.`bilirubin_mg_dl`,
        `t7`.`liver_stage`,
        `t7`.`upper_gi`,
        `t7`.`stool_ml_day`,
        `t7`.`stool_episodes_day`,
        `t7`.`lower_gi_severe`,
        `t7`.`lower_gi_stage`,
        `t7`.`cgvhd_skin`,
        `t7`.`cgvhd_mouth`,
        `t7`.`cgvhd_eyes`,
        `t7`.`cgvhd_gi`,
        `t7`.`cgvhd_liver`,
        `t7`.`cgvhd_lungs`,
        `t7`.`cgvhd_joints`,
        `t7`.`cgvhd_genital`,
        `t7`.`systemic_therapy`,
        `t7`.`gvhd_diagnosed`,
        `t7`.`alternative_cause`,
        `t7`.`alternative_cause_organ`,
        `t7`.`agvhd_overall_grade`,
        `t7`.`cgvhd_global_severity`,
        `t7`.`cgvhd_diagnostic_sign`,
        `t7`.`weight_kg`,
        `t7`.`stool_ml_avg`,
        `t7`.`stool_episodes_avg`,
        IF(
          COALESCE(`t7`.`gvhd_diagnosed`, TRUE)
          AND NOT (
            (
              `t7`.`alternative_cause` IS NOT NULL
            )
            AND (
              (
                `t7`.`alternative_cause_organ` IS NULL
              )
              OR `t7`.`alternative_cause_organ` IN ('skin', 'all')
            )
          ),
          CASE
            WHEN COALESCE(`t7`.`skin_bullae`, FALSE)
            THEN 4
            WHEN `t7`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t7`.`skin_bsa_pct`)
            THEN CASE
              WHEN `t7`.`skin_bsa_pct` <= 0.0
              THEN 0
              WHEN `t7`.`skin_bsa_pct` < 25.0
              THEN 1
              WHEN `t7`.`skin_bsa_pct` <= 50.0
              THEN 2
              ELSE 3
            END
            ELSE CAST(`t7`.`skin_stage` AS BIGINT)
          END,
          IF(
            CASE
              WHEN COALESCE(`t7`.`skin_bullae`, FALSE)
              THEN 4
              WHEN `t7`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t7`.`skin_bsa_pct`)
              THEN CASE
                WHEN `t7`.`skin_bsa_pct` <= 0.0
                THEN 0
                WHEN `t7`.`skin_bsa_pct` < 25.0
                THEN 1
                WHEN `t7`.`skin_bsa_pct` <= 50.0
                THEN 2
                ELSE 3
              END
              ELSE CAST(`t7`.`skin_stage` AS BIGINT)
            END IS NOT NULL,
            0,
            CAST(NULL AS BIGINT)
          )
        ) AS `skin`,
        IF(
          COALESCE(`t7`.`gvhd_diagnosed`, TRUE)
          AND NOT (
            (
              `t7`.`alternative_cause` IS NOT NULL
            )
            AND (
              (
                `t7`.`alternative_cause_organ` IS NULL
              )
              OR `t7`.`alternative_cause_organ` IN ('liver', 'all')
            )
          ),
          IF(
            `t7`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t7`.`bilirubin_mg_dl`),
            CASE
              WHEN `t7`.`bilirubin_mg_dl` < 2.0
              THEN 0
              WHEN `t7`.`bilirubin_mg_dl` <= 3.0
              THEN 1
              WHEN `t7`.`bilirubin_mg_dl` <= 6.0
              THEN 2
              WHEN `t7`.`bilirubin_mg_dl` <= 15.0
              THEN 3
              ELSE 4
            END,
            CAST(`t7`.`liver_stage` AS BIGINT)
          ),
          IF(
            IF(
              `t7`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t7`.`bilirubin_mg_dl`),
              CASE
                WHEN `t7`.`bilirubin_mg_dl` < 2.0
                THEN 0
                WHEN `t7`.`bilirubin_mg_dl` <= 3.0
                THEN 1
                WHEN `t7`.`bilirubin_mg_dl` <= 6.0
                THEN 2
                WHEN `t7`.`bilirubin_mg_dl` <= 15.0
                THEN 3
                ELSE 4
              END,
              CAST(`t7`.`liver_stage` AS BIGINT)
            ) IS NOT NULL,
            0,
            CAST(NULL AS BIGINT)
          )
        ) AS `liver`,
        IF(
          COALESCE(`t7`.`gvhd_diagnosed`, TRUE)
          AND NOT (
            (
              `t7`.`alternative_cause` IS NOT NULL
            )
            AND (
              (
                `t7`.`alternative_cause_organ` IS NULL
              )
              OR `t7`.`alternative_cause_organ` IN ('upper_gi', 'all', 'gi')
            )
          ),
          CASE
            WHEN `t7`.`upper_gi`
            THEN 1
            WHEN NOT (
              `t7`.`upper_gi`
            )
            THEN 0
            ELSE CAST(NULL AS BIGINT)
          END,
          IF(
            CASE
              WHEN `t7`.`upper_gi`
              THEN 1
              WHEN NOT (
                `t7`.`upper_gi`
              )
              THEN 0
              ELSE CAST(NULL AS BIGINT)
            END IS NOT NULL,
            0,
            CAST(NULL AS BIGINT)
          )
        ) AS `upper`,
        IF(
          COALESCE(`t7`.`gvhd_diagnosed`, TRUE)
          AND NOT (
            (
              `t7`.`alternative_cause` IS NOT NULL
            )
            AND (
              (
                `t7`.`alternative_cause_organ` IS NULL
              )
              OR `t7`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
            )
          ),
          CASE
            WHEN COALESCE(`t7`.`lower_gi_severe`, FALSE)
            THEN 4
            WHEN `t7`.`stool_ml_avg` IS NOT NULL
            AND NOT ISNAN(`t7`.`stool_ml_avg`)
            AND COALESCE(`t7`.`weight_kg` < 50.0, FALSE)
            THEN CASE
              WHEN (
                `t7`.`stool_ml_avg` / `t7`.`weight_kg`
              ) < 10.0
              THEN 0
              WHEN (
                `t7`.`stool_ml_avg` / `t7`.`weight_kg`
              ) < 20.0
              THEN 1
              WHEN (
                `t7`.`stool_ml_avg` / `t7`.`weight_kg`
              ) <= 30.0
              THEN 2
              ELSE 3
            END
            WHEN `t7`.`stool_ml_avg` IS NOT NULL AND NOT ISNAN(`t7`.`stool_ml_avg`)
            THEN CASE
              WHEN `t7`.`stool_ml_avg` < 500.0
              THEN 0
              WHEN `t7`.`stool_ml_avg` < 1000.0
              THEN 1
              WHEN `t7`.`stool_ml_avg` <= 1500.0
              THEN 2
              ELSE 3
            END
            WHEN `t7`.`stool_episodes_avg` IS NOT NULL
            AND NOT ISNAN(`t7`.`stool_episodes_avg`)
            AND COALESCE(`t7`.`weight_kg` < 50.0, FALSE)
            THEN CASE
              WHEN (
                `t7`.`stool_episodes_avg` * 3.0
              ) < 10.0
              THEN 0
              WHEN (
                `t7`.`stool_episodes_avg` * 3.0
              ) < 20.0
              THEN 1
              WHEN (
                `t7`.`stool_episodes_avg` * 3.0
              ) <= 30.0
              THEN 2
              ELSE 3
            END
            WHEN `t7`.`stool_episodes_avg` IS NOT NULL AND NOT ISNAN(`t7`.`stool_episodes_avg`)
            THEN CASE
              WHEN (
                `t7`.`stool_episodes_avg` * 200.0
              ) < 500.0
              THEN 0
              WHEN (
                `t7`.`stool_episodes_avg` * 200.0
              ) < 1000.0
              THEN 1
              WHEN (
                `t7`.`stool_episodes_avg` * 200.0
              ) <= 1500.0
              THEN 2
              ELSE 3
            END
            ELSE CAST(`t7`.`lower_gi_stage` AS BIGINT)
          END,
          IF(
            CASE
              WHEN COALESCE(`t7`.`lower_gi_severe`, FALSE)
              THEN 4
              WHEN `t7`.`stool_ml_avg` IS NOT NULL
              AND NOT ISNAN(`t7`.`stool_ml_avg`)
              AND COALESCE(`t7`.`weight_kg` < 50.0, FALSE)
              THEN CASE
                WHEN (
                  `t7`.`stool_ml_avg` / `t7`.`weight_kg`
                ) < 10.0
                THEN 0
                WHEN (
                  `t7`.`stool_ml_avg` / `t7`.`weight_kg`
                ) < 20.0
                THEN 1
                WHEN (
                  `t7`.`stool_ml_avg` / `t7`.`weight_kg`
                ) <= 30.0
                THEN 2
                ELSE 3
              END
              WHEN `t7`.`stool_ml_avg` IS NOT NULL AND NOT ISNAN(`t7`.`stool_ml_avg`)
              THEN CASE
                WHEN `t7`.`stool_ml_avg` < 500.0
                THEN 0
                WHEN `t7`.`stool_ml_avg` < 1000.0
                THEN 1
                WHEN `t7`.`stool_ml_avg` <= 1500.0
                THEN 2
                ELSE 3
              END
              WHEN `t7`.`stool_episodes_avg` IS NOT NULL
              AND NOT ISNAN(`t7`.`stool_episodes_avg`)
              AND COALESCE(`t7`.`weight_kg` < 50.0, FALSE)
              THEN CASE
                WHEN (
                  `t7`.`stool_episodes_avg` * 3.0
                ) < 10.0
                THEN 0
                WHEN (
                  `t7`.`stool_episodes_avg` * 3.0
                ) < 20.0
                THEN 1
                WHEN (
                  `t7`.`stool_episodes_avg` * 3.0
                ) <= 30.0
                THEN 2
                ELSE 3
              END
              WHEN `t7`.`stool_episodes_avg` IS NOT NULL AND NOT ISNAN(`t7`.`stool_episodes_avg`)
              THEN CASE
                WHEN (
                  `t7`.`stool_episodes_avg` * 200.0
                ) < 500.0
                THEN 0
                WHEN (
                  `t7`.`stool_episodes_avg` * 200.0
                ) < 1000.0
                THEN 1
                WHEN (
                  `t7`.`stool_episodes_avg` * 200.0
                ) <= 1500.0
                THEN 2
                ELSE 3
              END
              ELSE CAST(`t7`.`lower_gi_stage` AS BIGINT)
            END IS NOT NULL,
            0,
            CAST(NULL AS BIGINT)
          )
        ) AS `lower`
      FROM (
        SELECT
          `t6`.`patient_id`,
          `t6`.`day`,
          `t6`.`date`,
          `t6`.`skin_bsa_pct`,
          `t6`.`skin_bullae`,
          `t6`.`skin_stage`,
          `t6`.`bilirubin_mg_dl`,
          `t6`.`liver_stage`,
          `t6`.`upper_gi`,
          `t6`.`stool_ml_day`,
          `t6`.`stool_episodes_day`,
          `t6`.`lower_gi_severe`,
          `t6`.`lower_gi_stage`,
          `t6`.`cgvhd_skin`,
          `t6`.`cgvhd_mouth`,
          `t6`.`cgvhd_eyes`,
          `t6`.`cgvhd_gi`,
          `t6`.`cgvhd_liver`,
          `t6`.`cgvhd_lungs`,
          `t6`.`cgvhd_joints`,
          `t6`.`cgvhd_genital`,
          `t6`.`systemic_therapy`,
          `t6`.`gvhd_diagnosed`,
          `t6`.`alternative_cause`,
          `t6`.`alternative_cause_organ`,
          `t6`.`agvhd_overall_grade`,
          `t6`.`cgvhd_global_severity`,
          `t6`.`cgvhd_diagnostic_sign`,
          `t6`.`weight_kg`,
          IF(
            IF(
              COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
              AND NOT (
                (
                  `t6`.`alternative_cause` IS NOT NULL
                )
                AND (
                  (
                    `t6`.`alternative_cause_organ` IS NULL
                  )
                  OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                )
              ),
              `t6`.`stool_ml_day`,
              CAST(NULL AS DOUBLE)
            ) IS NOT NULL
            AND NOT ISNAN(
              IF(
                COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
                AND NOT (
                  (
                    `t6`.`alternative_cause` IS NOT NULL
                  )
                  AND (
                    (
                      `t6`.`alternative_cause_organ` IS NULL
                    )
                    OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                  )
                ),
                `t6`.`stool_ml_day`,
                CAST(NULL AS DOUBLE)
              )
            ),
            AVG(
              IF(
                COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
                AND NOT (
                  (
                    `t6`.`alternative_cause` IS NOT NULL
                  )
                  AND (
                    (
                      `t6`.`alternative_cause_organ` IS NULL
                    )
                    OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                  )
                ),
                `t6`.`stool_ml_day`,
                CAST(NULL AS DOUBLE)
              )
            ) OVER (
              PARTITION BY `t6`.`patient_id`
              ORDER BY `t6`.`day` ASC NULLS LAST
              RANGE BETWEEN 2 PRECEDING AND CURRENT ROW
            ),
            CAST(NULL AS DOUBLE)
          ) AS `stool_ml_avg`,
          IF(
            IF(
              COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
              AND NOT (
                (
                  `t6`.`alternative_cause` IS NOT NULL
                )
                AND (
                  (
                    `t6`.`alternative_cause_organ` IS NULL
                  )
                  OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                )
              ),
              `t6`.`stool_episodes_day`,
              CAST(NULL AS DOUBLE)
            ) IS NOT NULL
            AND NOT ISNAN(
              IF(
                COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
                AND NOT (
                  (
                    `t6`.`alternative_cause` IS NOT NULL
                  )
                  AND (
                    (
                      `t6`.`alternative_cause_organ` IS NULL
                    )
                    OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                  )
                ),
                `t6`.`stool_episodes_day`,
                CAST(NULL AS DOUBLE)
              )
            ),
            AVG(
              IF(
                COALESCE(`t6`.`gvhd_diagnosed`, TRUE)
                AND NOT (
                  (
                    `t6`.`alternative_cause` IS NOT NULL
                  )
                  AND (
                    (
                      `t6`.`alternative_cause_organ` IS NULL
                    )
                    OR `t6`.`alternative_cause_organ` IN ('lower_gi', 'all', 'gi')
                  )
                ),
                `t6`.`stool_episodes_day`,
                CAST(NULL AS DOUBLE)
              )
            ) OVER (
              PARTITION BY `t6`.`patient_id`
              ORDER BY `t6`.`day` ASC NULLS LAST
              RANGE BETWEEN 2 PRECEDING AND CURRENT ROW
            ),
            CAST(NULL AS DOUBLE)
          ) AS `stool_episodes_avg`
        FROM (
          SELECT
            `t5`.`patient_id`,
            `t5`.`day`,
            `t5`.`date`,
            `t5`.`skin_bsa_pct`,
            `t5`.`skin_bullae`,
            `t5`.`skin_stage`,
            `t5`.`bilirubin_mg_dl`,
            `t5`.`liver_stage`,
            `t5`.`upper_gi`,
            `t5`.`stool_ml_day`,
            `t5`.`stool_episodes_day`,
            `t5`.`lower_gi_severe`,
            `t5`.`lower_gi_stage`,
            `t5`.`cgvhd_skin`,
            `t5`.`cgvhd_mouth`,
            `t5`.`cgvhd_eyes`,
            `t5`.`cgvhd_gi`,
            `t5`.`cgvhd_liver`,
            `t5`.`cgvhd_lungs`,
            `t5`.`cgvhd_joints`,
            `t5`.`cgvhd_genital`,
            `t5`.`systemic_therapy`,
            `t5`.`gvhd_diagnosed`,
            `t5`.`alternative_cause`,
            `t5`.`alternative_cause_organ`,
            `t5`.`agvhd_overall_grade`,
            `t5`.`cgvhd_global_severity`,
            `t5`.`cgvhd_diagnostic_sign`,
            `t5`.`weight_kg`
          FROM (
            SELECT
              `t2`.`patient_id`,
              `t2`.`day`,
              `t2`.`date`,
              `t2`.`skin_bsa_pct`,
              `t2`.`skin_bullae`,
              `t2`.`skin_stage`,
              `t2`.`bilirubin_mg_dl`,
              `t2`.`liver_stage`,
              `t2`.`upper_gi`,
              `t2`.`stool_ml_day`,
              `t2`.`stool_episodes_day`,
              `t2`.`lower_gi_severe`,
              `t2`.`lower_gi_stage`,
              `t2`.`cgvhd_skin`,
              `t2`.`cgvhd_mouth`,
              `t2`.`cgvhd_eyes`,
              `t2`.`cgvhd_gi`,
              `t2`.`cgvhd_liver`,
              `t2`.`cgvhd_lungs`,
              `t2`.`cgvhd_joints`,
              `t2`.`cgvhd_genital`,
              `t2`.`systemic_therapy`,
              `t2`.`gvhd_diagnosed`,
              `t2`.`alternative_cause`,
              `t2`.`alternative_cause_organ`,
              `t2`.`agvhd_overall_grade`,
              `t2`.`cgvhd_global_severity`,
              `t2`.`cgvhd_diagnostic_sign`,
              `t4`.`patient_id` AS `patient_id_right`,
              `t4`.`weight_kg`
            FROM `gvhd_assessments` AS `t2`
            LEFT OUTER JOIN (
              SELECT
                `t1`.`patient_id`,
                `t1`.`weight_kg`
              FROM `patients` AS `t1`
            ) AS `t4`
              ON `t2`.`patient_id` = `t4`.`patient_id`
          ) AS `t5`
        ) AS `t6`
      ) AS `t7`
    ) AS `t8`
  ) AS `t9`
) AS `t10`
GROUP BY
  1
